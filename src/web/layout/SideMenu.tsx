import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { ADMIN_ICON, ADMIN_PAGES, MODULES } from '../navigation.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The module menu; 系统管理 only for administrators. */
export function SideMenu({ isAdmin, collapsed = false, onNavigate }: { isAdmin: boolean; collapsed?: boolean; onNavigate?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const items: MenuItem[] = MODULES.map((m) => ({ key: m.path, icon: m.icon, label: m.label }));
  if (isAdmin) {
    items.push({
      key: 'admin',
      icon: ADMIN_ICON,
      label: '系统管理',
      children: ADMIN_PAGES.map((p) => ({ key: p.path, icon: p.icon, label: p.label })),
    });
  }
  const selected = [...MODULES, ...ADMIN_PAGES]
    .map((m) => m.path)
    .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)));
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
