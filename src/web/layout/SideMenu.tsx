import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { ADMIN_ICON, ADMIN_PAGES, MODULES, adminPagesFor, modulesFor } from '../navigation.tsx';
import { useAuth } from '../hooks/auth.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The module menu; 系统管理 with the pages the user's roles may open (administrators: all; auditors: 审计日志). */
export function SideMenu({ isAdmin, collapsed = false, onNavigate }: { isAdmin: boolean; collapsed?: boolean; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const items: MenuItem[] = modulesFor(user?.roles).map((m) => ({ key: m.path, icon: m.icon, label: m.label }));
  const adminPages = isAdmin ? ADMIN_PAGES : adminPagesFor(user?.roles);
  if (adminPages.length > 0) {
    items.push({
      key: 'admin',
      icon: ADMIN_ICON,
      label: '系统管理',
      children: adminPages.map((p) => ({ key: p.path, icon: p.icon, label: p.label })),
    });
  }
  const selected = [...MODULES, ...ADMIN_PAGES].map((m) => m.path).filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)));
  return (
    <Menu
      // remount on collapse: an inline-collapsed menu shows open submenus as popups that would stay open
      key={collapsed ? 'collapsed' : 'expanded'}
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={!collapsed && location.pathname.startsWith('/admin') ? ['admin'] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
