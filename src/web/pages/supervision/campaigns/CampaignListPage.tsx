import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { bulletinHref, campaignsApi, type CampaignRow } from './campaignsApi.ts';

const STAGE_COLORS: Record<string, string> = { planned: 'default', running: 'processing', reporting: 'warning', issued: 'success' };

/** 督查检查: the office's campaigns; a unit sees those whose 通报 names it, once issued. */
export function CampaignListPage() {
  const { data, loading, error } = useAsync(() => campaignsApi.list(), []);
  return (
    <Card
      title="督查检查"
      extra={
        data?.mayPlan && (
          <Link to="/supervision/campaigns/new">
            <Button type="primary" data-testid="campaign-plan">
              制定督查方案
            </Button>
          </Link>
        )
      }
      data-testid="sv-campaign-list"
    >
      <Typography.Paragraph type="secondary">
        {data?.mayPlan
          ? '督查办制定方案、组成检查组，逐单位登记“一听、二查、三看”的情况和存在问题；印发通报后，问题转为督办整改事项，被督查单位可查看本单位的督查结论并作说明或提出异议。'
          : '这里列出督查通报已印发、本单位被督查的活动。点开可查看本单位的督查结论、整改事项，并作情况说明或在法定期限内提出异议。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error instanceof Error ? error.message : String(error)} />}
      <Table<CampaignRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1160 }}
        locale={{ emptyText: data?.mayPlan ? '还没有督查活动' : '暂无涉及本单位的督查通报' }}
        columns={[
          { title: '督查名称', dataIndex: 'name', width: 260, fixed: 'left', render: (v: string, r) => <Link to={`/supervision/campaigns/${r.id}`}>{v}</Link> },
          { title: '督查方式', dataIndex: 'methodName', width: 200 },
          { title: '督查时段', key: 'period', width: 200, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          {
            title: '被督查单位',
            dataIndex: 'targets',
            width: 100,
            align: 'right',
            render: (v: number, r) => <Link to={`/supervision/campaigns/${r.id}#targets`}>{v}</Link>,
          },
          {
            title: '发现问题',
            dataIndex: 'problems',
            width: 90,
            align: 'right',
            render: (v: number, r) => <Link to={`/supervision/campaigns/${r.id}#problems`}>{v}</Link>,
          },
          { title: '状态', dataIndex: 'stageName', width: 90, render: (v: string, r) => <Tag color={STAGE_COLORS[r.stage]}>{v}</Tag> },
          {
            title: '督查通报',
            key: 'bulletin',
            width: 200,
            render: (_: unknown, r) =>
              r.bulletinNumber ? (
                <a href={bulletinHref(r.id)} download>
                  {r.bulletinNumber}
                </a>
              ) : (
                '未印发'
              ),
          },
        ]}
      />
    </Card>
  );
}
