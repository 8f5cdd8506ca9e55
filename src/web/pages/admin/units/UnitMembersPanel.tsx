import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { unitApi } from '../../../api/endpoints.ts';
import type { Unit, UnitMember } from '../../../api/types.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useAuth } from '../../../hooks/auth.tsx';
import type { UnitNode } from '../../../hooks/useUnits.ts';
import { KindTag, isGroupKind } from './KindTag.tsx';
import { UnitMembersModal } from './UnitMembersModal.tsx';
import { byTreeOrder, treeOrder } from './treeOrder.ts';

/**
 * Below the unit details: for a 领导小组 / 联席会议 its member units (with each one's duty) and, for
 * the system administrator, 设置成员单位; for any other unit the groups it is a member of.
 * Render with key={unit.id} so a newly selected unit never shows the previous unit's members.
 */
export function UnitMembersPanel({ unit, tree }: { unit: Unit; tree: UnitNode[] }) {
  const { isAdmin } = useAuth();
  const { message } = App.useApp();
  const detail = useAsync(() => unitApi.get(unit.id), [unit.id]);
  const [editing, setEditing] = useState(false);
  const group = isGroupKind(unit.kind);
  const order = useMemo(() => treeOrder(tree), [tree]);
  const members = useMemo(() => [...(detail.data?.members ?? [])].sort(byTreeOrder(order)), [detail.data, order]);

  if (detail.error) return <Alert type="error" showIcon title={`成员单位加载失败：${detail.error.message}`} style={{ marginTop: 16 }} />;
  if (!detail.data) return <Spin style={{ display: 'block', marginTop: 16 }} />;

  if (!group) {
    const memberOf = detail.data.memberOf;
    if (!memberOf.length) return null;
    return (
      <div style={{ marginTop: 16 }} data-testid="unit-member-of">
        <Typography.Text type="secondary">参加的领导小组 / 联席会议：</Typography.Text>
        <Space wrap size={[4, 4]} style={{ marginTop: 4 }}>
          {memberOf.map((g) => (
            <Tag key={g.id} icon={<TeamOutlined />} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
              {g.name}
              {g.duty ? `（${g.duty}）` : ''}
            </Tag>
          ))}
        </Space>
      </div>
    );
  }

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={`成员单位（${members.length}）`}
      extra={
        isAdmin && (
          <Button size="small" type="primary" ghost icon={<TeamOutlined />} onClick={() => setEditing(true)} disabled={unit.disabled}>
            设置成员单位
          </Button>
        )
      }
      data-testid="unit-members"
    >
      {members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未设置成员单位" />
      ) : (
        <Table<UnitMember>
          size="small"
          rowKey="id"
          dataSource={members}
          pagination={false}
          scroll={{ y: 320 }}
          loading={detail.loading}
          columns={[
            { title: '单位', dataIndex: 'name', ellipsis: true },
            { title: '类型', dataIndex: 'kind', width: 96, render: (_, m) => <KindTag kind={m.kind} /> },
            {
              title: '职责',
              dataIndex: 'duty',
              ellipsis: true,
              render: (duty: string | null) => duty || <Typography.Text type="secondary">—</Typography.Text>,
            },
          ]}
        />
      )}
      <UnitMembersModal
        group={editing ? detail.data : null}
        tree={tree}
        onClose={() => setEditing(false)}
        onSaved={(count) => {
          void message.success(`已保存，共 ${count} 个成员单位`);
          setEditing(false);
          detail.reload();
        }}
      />
    </Card>
  );
}
