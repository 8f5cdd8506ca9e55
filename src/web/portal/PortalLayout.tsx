import { Suspense, useEffect, type ReactNode } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useMeta } from './meta.tsx';
import { useTextSize } from './text-size.tsx';
import type { PortalMeta } from './api.ts';
import { Button } from './ui.tsx';

export function PortalLoading() {
  return (
    <div className="portal-loading" role="status">
      <span className="portal-spinner" aria-hidden="true" />
      正在加载…
    </div>
  );
}

/**
 * The part of a page that needs /portal/meta (matter types, limits, the notice): a loading line while it is on its
 * way, the error with 重试 when it failed. The rest of the page — and the whole home page — never waits for it.
 */
export function WithMeta({ children }: { children: (meta: PortalMeta) => ReactNode }) {
  const { meta, error, reload } = useMeta();
  if (meta) return <>{children(meta)}</>;
  if (error)
    return (
      <div className="portal-error" role="alert">
        <strong>页面没有加载成功</strong>
        <p>{error}</p>
        <Button onClick={reload}>重试</Button>
      </div>
    );
  return <PortalLoading />;
}

/** A centred single column; the header names the county so citizens know whose portal this is. Plain HTML. */
export function PortalLayout() {
  const { meta } = useMeta();
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
        <Suspense fallback={<PortalLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">{meta ? `受理机关：${meta.intakeUnitName}` : null}</footer>
    </div>
  );
}
