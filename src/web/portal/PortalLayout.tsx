import { Suspense, useEffect } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useMeta } from './meta.tsx';
import { useTextSize } from './text-size.tsx';

export function PortalLoading() {
  return (
    <div className="portal-loading" role="status">
      正在加载…
    </div>
  );
}

/** A centred single column; the header names the county so citizens know whose portal this is. Plain HTML: no antd here. */
export function PortalLayout() {
  const { meta, error, reload } = useMeta();
  const { large, toggle } = useTextSize();
  useEffect(() => {
    if (meta) document.title = `${meta.countyName}网上信访`;
  }, [meta]);
  return (
    <div className="portal-shell">
      <header className="portal-header">
        <Link to="/" className="portal-brand">
          {meta ? `${meta.countyName}网上信访` : '网上信访'}
        </Link>
        <button type="button" className="portal-text-size" aria-pressed={large} onClick={toggle} data-testid="large-text">
          {large ? '标准字号' : '大字模式'}
        </button>
      </header>
      <main className="portal-main" id="main">
        {error ? (
          <div className="portal-error" role="alert">
            <strong>页面没有加载成功</strong>
            <p>{error}</p>
            <button type="button" className="portal-button" onClick={reload}>
              重试
            </button>
          </div>
        ) : meta ? (
          <Suspense fallback={<PortalLoading />}>
            <Outlet />
          </Suspense>
        ) : (
          <PortalLoading />
        )}
      </main>
      <footer className="portal-footer">{meta ? `受理机关：${meta.intakeUnitName}` : null}</footer>
    </div>
  );
}
