import { useState } from 'react';
import { Alert, Button, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { dispatchesApi, STATUS_ORDER, statusColor, tasksExportHref, type TaskList, type TaskStatus } from './dispatchesApi.ts';

type Row = TaskList['items'][number];
const isStatus = (s: string | null): s is TaskStatus => STATUS_ORDER.some((x) => x.key === s);

/** 督办事项 (menu and title): the 督办事项 the user may see — a unit its own (to 签收 and 反馈), the office all of them (to 核查销号). */
export function TaskListPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => dispatchesApi.tasks({ status, q: q || undefined, page, pageSize: 20 }), [status, q, page]);
  const exportQuery: Record<string, string> = {};
  if (status) exportQuery.status = status;
  if (q) exportQuery.q = q;
  return (
    <Card
      title="督办事项"
      data-testid="sv-task-list"
      extra={
        <a href={tasksExportHref(exportQuery)} download>
          <Button icon={<DownloadOutlined />}>导出Excel</Button>
        </a>
      }
    >
      <Typography.Paragraph type="secondary">
        督办通知、督查检查等交办给单位的督办事项。承办单位签收后办理，在完成时限前反馈办理情况并附佐证材料；督查部门核查后销号，未落实的退回重办。
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<string>
            value={status ?? 'all'}
            onChange={(v) => {
              setParams(v === 'all' ? {} : { status: v }, { replace: true });
              setPage(1);
            }}
            options={[{ value: 'all', label: '全部' }, ...STATUS_ORDER.filter((s) => s.key !== 'withdrawn').map((s) => ({ value: s.key, label: s.name }))]}
            data-testid="task-status-filter"
          />
        </div>
        <Input.Search
          allowClear
          placeholder="编号或事项"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
        />
      </div>
      {error && <Alert type="error" showIcon message={error instanceof Error ? error.message : String(error)} />}
      <Table<Row>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: '暂无督办事项' }}
        columns={[
          { title: '完成时限', dataIndex: 'dueDate', width: 110, fixed: 'left' },
          {
            title: '督办事项',
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/supervision/tasks/${r.id}`} data-testid={`task-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: '承办单位', dataIndex: 'unitName', width: 140 },
          {
            title: '督办来源',
            key: 'source',
            width: 260,
            render: (_: unknown, r) => (r.source.href ? <Link to={r.source.href}>{r.source.label}</Link> : r.source.label),
          },
          {
            title: '办理情况',
            key: 'status',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Tag color={statusColor(r.status)}>{r.statusName}</Tag>
                {r.overdueDays > 0 && <Typography.Text type="danger">逾期 {r.overdueDays} 天</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
