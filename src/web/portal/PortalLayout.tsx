import { useEffect } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { Alert, Button, Spin } from 'antd';
import { useMeta } from './meta.tsx';

/** A centred single column; the header names the county so citizens know whose portal this is. */
export function PortalLayout() {
  const { meta, error, reload } = useMeta();
  useEffect(() => {
    if (meta) document.title = `${meta.countyName}网上信访`;
  }, [meta]);
  return (
    <div className="portal-shell">
      <header className="portal-header">
        <Link to="/" className="portal-brand">
          {meta ? `${meta.countyName}网上信访` : '网上信访'}
        </Link>
      </header>
      <main className="portal-main" id="main">
        {error ? (
          <Alert
            type="error"
            showIcon
            title="页面没有加载成功"
            description={error}
            action={
              <Button onClick={reload} size="small">
                重试
              </Button>
            }
          />
        ) : meta ? (
          <Outlet />
        ) : (
          <div className="portal-loading">
            <Spin />
          </div>
        )}
      </main>
      <footer className="portal-footer">{meta ? `受理机关：${meta.intakeUnitName}` : null}</footer>
    </div>
  );
}
