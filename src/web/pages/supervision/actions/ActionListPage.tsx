import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { actionsApi, type ActionRow } from './actionsApi.ts';

export const ACTION_STATUS_COLORS: Record<string, string> = { preparing: 'default', running: 'processing', summary: 'warning', ended: 'success' };

/** 专项行动: the actions the user sees; a unit those with 问题 of its own. */
export function ActionListPage() {
  const { data, loading, error } = useAsync(() => actionsApi.list(), []);
  return (
    <Card
      title="专项行动"
      extra={
        data?.mayCreate && (
          <Link to="/supervision/actions/new">
            <Button type="primary" data-testid="action-new">
              部署专项行动
            </Button>
          </Link>
        )
      }
      data-testid="sv-action-list"
    >
      <Typography.Paragraph type="secondary">
        专项行动（如“信访积案化解年”、安全生产大排查大整治）由牵头单位部署：制定实施方案、成立领导小组和工作专班，问题清单逐项明确责任单位、包案领导、时限和销号标准，按期调度。责任单位在这里看到有本单位问题的行动。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<ActionRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 980 }}
        locale={{ emptyText: '暂无专项行动' }}
        columns={[
          { title: '行动名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/supervision/actions/${r.id}`}>{v}</Link> },
          { title: '类别', dataIndex: 'categoryName', width: 140 },
          { title: '行动期间', key: 'period', width: 200, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          { title: '牵头单位', dataIndex: 'leadUnitName', width: 140 },
          { title: '调度', dataIndex: 'rhythmName', width: 140 },
          {
            title: '问题',
            dataIndex: 'items',
            width: 70,
            align: 'right',
            render: (v: number, r) => <Link to={`/supervision/actions/${r.id}#items`}>{v}</Link>,
          },
          {
            title: '已销号',
            dataIndex: 'done',
            width: 80,
            align: 'right',
            render: (v: number, r) => <Link to={`/supervision/actions/${r.id}?status=done#items`}>{v}</Link>,
          },
          {
            title: '逾期',
            dataIndex: 'late',
            width: 70,
            align: 'right',
            render: (v: number, r) => (
              <Link to={`/supervision/actions/${r.id}?status=late#items`} style={v ? { color: '#cf1322' } : undefined}>
                {v}
              </Link>
            ),
          },
          { title: '阶段', dataIndex: 'statusName', width: 90, render: (v: string, r) => <Tag color={ACTION_STATUS_COLORS[r.status]}>{v}</Tag> },
        ]}
      />
    </Card>
  );
}
