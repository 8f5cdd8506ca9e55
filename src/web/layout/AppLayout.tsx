import { useEffect, useState } from 'react';
import { Button, Drawer, Grid, Layout, Space, Spin, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../hooks/auth.tsx';
import { SideMenu } from './SideMenu.tsx';
import { CalendarBanner } from './CalendarBanner.tsx';
import { ChangePasswordModal } from '../components/ChangePasswordModal.tsx';
import { Brand } from '../components/Brand.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { storedFieldUser } from '../hooks/offlineFieldUser.ts';

const { Header, Sider, Content } = Layout;

/**
 * The signed-in shell. Wide screens: a side menu (expanded from 1200 px, icons below that);
 * narrow screens (< 768 px): the menu moves into a Drawer opened from the header.
 */
export function AppLayout() {
  const { user, isAdmin, signedOut, logout, unreachable } = useAuth();
  const screens = Grid.useBreakpoint();
  const location = useLocation();
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => {
    if (screens.xl !== undefined) setCollapsed(!screens.xl);
  }, [screens.xl]);

  if (user === undefined) {
    return (
      <div className="anwen-center">
        <Spin size="large" />
      </div>
    );
  }
  // 现场检查 reopened without signal: the session cannot be checked, the page works from the phone's own copy
  if (user === null && unreachable && location.pathname.startsWith('/safety/field') && storedFieldUser()) {
    return (
      <Layout className="anwen-shell">
        <Content className="anwen-content">
          <Outlet />
        </Content>
      </Layout>
    );
  }
  if (user === null) return <Navigate to="/login" replace state={signedOut ? undefined : { from: location.pathname }} />;

  return (
    <Layout className="anwen-shell">
      {!narrow && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} className="anwen-sider">
          <Brand compact={collapsed} dark />
          <SideMenu isAdmin={isAdmin} collapsed={collapsed} />
        </Sider>
      )}
      {narrow && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <Brand dark />
          <SideMenu isAdmin={isAdmin} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout className="anwen-main">
        <Header className="anwen-header">
          <Space>
            {narrow && <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />}
            {narrow && <Brand compact />}
          </Space>
          <Space size="middle" className="anwen-user">
            {!user.mustChangePassword && <NotificationBell />}
            <Space size={4}>
              <UserOutlined />
              <Typography.Text strong data-testid="current-user">
                {user.displayName}
              </Typography.Text>
            </Space>
            {screens.sm !== false && (
              <Typography.Text type="secondary" ellipsis className="anwen-unit">
                {user.unitName}
              </Typography.Text>
            )}
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              {screens.sm === false ? '' : '退出'}
            </Button>
          </Space>
        </Header>
        {isAdmin && <CalendarBanner />}
        <Content className="anwen-content">
          <ErrorBoundary resetKey={location.pathname}>
            {/* with a temporary password the server answers nothing else: mount pages after the change */}
            {user.mustChangePassword ? null : <Outlet />}
          </ErrorBoundary>
        </Content>
      </Layout>
      <ChangePasswordModal open={user.mustChangePassword} forced />
    </Layout>
  );
}
