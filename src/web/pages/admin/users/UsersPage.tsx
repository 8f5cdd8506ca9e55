import { useMemo, useState } from 'react';
import { App, Button, Card, Grid, Popconfirm, Space, Tag, TreeSelect, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { itemsOf, userApi } from '../../../api/endpoints.ts';
import type { Role, RoleInfo, StaffUser } from '../../../api/types.ts';
import { OneTimeSecretModal } from '../../../components/OneTimeSecretModal.tsx';
import { useApiError } from '../../../hooks/useApiError.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useUnits } from '../../../hooks/useUnits.ts';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import { ROLE_LABELS, roleLabel } from '../../../labels.ts';
import { UserFormModal } from './UserFormModal.tsx';

const FALLBACK_ROLES: RoleInfo[] = Object.entries(ROLE_LABELS).map(([code, name]) => ({
  code: code as Role,
  name,
  description: '',
  countyWide: false,
  readOnly: false,
}));

function isLocked(u: StaffUser): boolean {
  return u.locked ?? (!!u.lockedUntil && Date.parse(u.lockedUntil) > Date.now());
}

const SPEC = { keys: ['q', 'unitId', 'role'] as const };
type Key = (typeof SPEC.keys)[number];

/** 用户管理: search, create (one-time initial password), edit roles/unit, disable, reset password, unlock. */
export function UsersPage() {
  const units = useUnits();
  const rolesState = useAsync(() => userApi.roles(), []);
  const loadedRoles = itemsOf(rolesState.data);
  const roles = loadedRoles.length ? loadedRoles : FALLBACK_ROLES;
  const roleName = useMemo(() => new Map(roles.map((r) => [r.code, r.name])), [roles]);
  const { message } = App.useApp();
  // pin the action column only where there is room for it next to the roles (not on a tablet)
  const wide = Grid.useBreakpoint().xl === true;
  const showError = useApiError();

  const list = useListQuery(SPEC, (s) =>
    userApi.list({
      q: s.filters.q,
      unitId: s.filters.unitId ? Number(s.filters.unitId) : undefined,
      role: s.filters.role as Role | undefined,
      page: s.page,
      pageSize: s.pageSize,
    }),
  );

  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const [secret, setSecret] = useState<{ title: string; who: string; password: string } | null>(null);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      void message.success(done);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const resetPassword = async (u: StaffUser) => {
    try {
      const { password } = await userApi.resetPassword(u.id);
      setSecret({ title: '密码已重置', who: `${u.displayName}（${u.username}）`, password });
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableProps<StaffUser>['columns'] = [
    { title: '用户名', dataIndex: 'username', width: 120 },
    { title: '姓名', dataIndex: 'displayName', width: 100 },
    { title: '单位', key: 'unit', width: 170, ellipsis: true, render: (_: unknown, u) => u.unitName ?? units.byId.get(u.unitId)?.name ?? `#${u.unitId}` },
    {
      title: '角色',
      key: 'roles',
      render: (_: unknown, u) => (
        <Space size={[4, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color={r === 'sys_admin' ? 'red' : 'blue'}>
              {roleName.get(r) ?? roleLabel(r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_: unknown, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
          {isLocked(u) && <Tag color="red">登录受限</Tag>}
          {u.mustChangePassword && <Tag color="gold">待改密</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      fixed: wide ? 'right' : undefined,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(u)}>
            编辑
          </Button>
          <Popconfirm
            title={`重置 ${u.displayName} 的密码？`}
            description="将生成新的临时密码，原密码立即失效。"
            onConfirm={() => void resetPassword(u)}
            okText="重置"
            cancelText="取消"
          >
            <Button size="small">重置密码</Button>
          </Popconfirm>
          {isLocked(u) && (
            <Button size="small" onClick={() => void act(() => userApi.unlock(u.id), '已解除登录限制')}>
              解除限制
            </Button>
          )}
          <Popconfirm
            title={u.disabled ? `启用 ${u.displayName}？` : `停用 ${u.displayName}？`}
            onConfirm={() => void act(() => userApi.update(u.id, { disabled: !u.disabled }), u.disabled ? '已启用' : '已停用')}
            okText="确定"
            cancelText="取消"
          >
            <Button size="small" danger={!u.disabled}>
              {u.disabled ? '启用' : '停用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        用户管理
      </Typography.Title>
      <Card>
        <ListPage<StaffUser, Key>
          bare
          list={list}
          testId="users-table"
          rowKey="id"
          columns={columns}
          scrollX={1000}
          size="middle"
          unit="人"
          emptyText="没有符合条件的用户"
          filters={[
            { type: 'search', key: 'q', placeholder: '用户名或姓名', width: 200 },
            {
              type: 'custom',
              key: 'unitId',
              render: (value, onChange) => (
                <TreeSelect
                  allowClear
                  showSearch
                  treeNodeFilterProp="title"
                  placeholder="按单位筛选"
                  style={{ width: 220 }}
                  treeData={units.treeSelect}
                  value={value ? Number(value) : undefined}
                  onChange={(v: number | undefined) => onChange(v === undefined ? undefined : String(v))}
                />
              ),
            },
            { type: 'select', key: 'role', placeholder: '按角色筛选', width: 180, options: roles.map((r) => ({ value: r.code, label: r.name })) },
          ]}
          toolbarExtra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建用户
            </Button>
          }
        />
      </Card>
      <UserFormModal
        user={editing}
        roles={roles}
        unitTree={units.treeSelect}
        onClose={() => setEditing(null)}
        onCreated={(result) => {
          setEditing(null);
          list.reload();
          if (result.initialPassword) {
            setSecret({ title: '用户已创建', who: `${result.user.displayName}（${result.user.username}）`, password: result.initialPassword });
          } else void message.success('用户已创建（使用您设置的初始密码，首次登录须修改）');
        }}
        onSaved={() => {
          setEditing(null);
          void message.success('已保存');
          list.reload();
        }}
      />
      <OneTimeSecretModal secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
