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
  const items: MenuItem[] = modulesFor(user?.roles).map((m) =>
    m.children
      ? { key: m.path, icon: m.icon, label: m.label, children: m.children.map((c) => ({ key: c.path, icon: c.icon, label: c.label })) }
      : { key: m.path, icon: m.icon, label: m.label },
  );
  const adminPages = isAdmin ? ADMIN_PAGES : adminPagesFor(user?.roles);
  if (adminPages.length > 0) {
    items.push({
      key: 'admin',
      icon: ADMIN_ICON,
      label: '系统管理',
      children: adminPages.map((p) => ({ key: p.path, icon: p.icon, label: p.label })),
    });
  }
  const entries = [...MODULES, ...MODULES.flatMap((m) => m.children ?? []), ...ADMIN_PAGES];
  const matching = entries.map((m) => m.path).filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)));
  // the most specific entry only: on /disputes/campaigns, 排查活动 and not 纠纷台账 (/disputes) as well
  const selected = matching.filter((p) => !matching.some((q) => q !== p && p !== '/' && q.startsWith(p)));
  const openModule = MODULES.find((m) => m.children && location.pathname.startsWith(m.path));
  return (
    <Menu
      // remount on collapse: an inline-collapsed menu shows open submenus as popups that would stay open
      key={collapsed ? 'collapsed' : 'expanded'}
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={collapsed ? [] : location.pathname.startsWith('/admin') ? ['admin'] : openModule ? [openModule.path] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
