import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useApiError } from '../../../hooks/useApiError.ts';
import { leaderApi } from '../../../api/endpoints.ts';
import type { Leader } from '../../../api/types.ts';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';

const SPEC = { keys: [] as never[] };
import { useUnits } from '../../../hooks/useUnits.ts';
import { LeaderFormModal } from './LeaderFormModal.tsx';

/** 领导管理: county leaders with their 分管 portfolios and the units they oversee. */
export function LeadersPage() {
  const list = useListQuery(SPEC, () => leaderApi.list());
  const { reload } = list;
  const units = useUnits();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const showError = useApiError();

  const toggleDisabled = async (l: Leader) => {
    try {
      await leaderApi.update(l.id, { disabled: !l.disabled });
      void message.success(l.disabled ? '已启用' : '已停用');
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const unitName = (id: number | null | undefined) => (id == null ? '—' : (units.byId.get(id)?.name ?? `#${id}`));

  const columns: TableProps<Leader>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '职务', dataIndex: 'title', width: 220, ellipsis: true },
    { title: '所在单位', key: 'unit', width: 160, render: (_: unknown, l) => l.unitName ?? unitName(l.unitId) },
    {
      title: '分管领域',
      key: 'portfolio',
      render: (_: unknown, l) => (
        <Space size={[4, 4]} wrap>
          {l.portfolio.map((p) => (
            <Tag color="blue" key={p}>
              {p}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '分管单位',
      key: 'oversees',
      ellipsis: true,
      render: (_: unknown, l) => l.overseesUnitIds.map((id) => unitName(id)).join('、') || '—',
    },
    { title: '状态', key: 'status', width: 80, render: (_: unknown, l) => (l.disabled ? <Tag>已停用</Tag> : <Tag color="green">在任</Tag>) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, l) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(l)}>
            编辑
          </Button>
          <Popconfirm
            title={l.disabled ? `恢复 ${l.name} 为在任？` : `停用 ${l.name}？`}
            description={l.disabled ? undefined : '停用后不再作为包案或分管领导出现，历史记录保留。'}
            onConfirm={() => void toggleDisabled(l)}
            okText="确定"
            cancelText="取消"
          >
            <Button size="small" danger={!l.disabled}>
              {l.disabled ? '启用' : '停用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        领导管理
      </Typography.Title>
      <Card>
        <div className="anwen-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增领导
          </Button>
        </div>
        <ListPage<Leader, never> bare list={list} testId="leaders-table" rowKey="id" columns={columns} scrollX={1000} unit="位" emptyText="尚未录入县领导" />
      </Card>
      <LeaderFormModal
        leader={editing}
        unitTree={units.treeSelect}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success('已保存');
          setEditing(null);
          reload();
        }}
      />
    </div>
  );
}
