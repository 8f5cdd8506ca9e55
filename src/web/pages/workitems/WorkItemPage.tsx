import { Alert, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { stateLabel } from '../../labels.ts';
import { workItemApi } from './workItemApi.ts';
import { DeadlineCard } from './DeadlineCard.tsx';
import { WorkItemTimeline } from './WorkItemTimeline.tsx';
import { ItemLinksCard } from '../../components/item-links/ItemLinksCard.tsx';
import { ItemAccountabilityCard } from '../../components/work-item/ItemAccountabilityCard.tsx';

/** 事项详情 /work-items/:id — the same page for an item of every module. */
export function WorkItemPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data, loading, error } = useAsync(() => (valid ? workItemApi.get(id) : Promise.resolve(undefined)), [id]);

  if (!valid || error?.status === 404) {
    return <Result status="404" title="未找到该事项" subTitle="事项不存在，或不在您的数据范围内。" extra={<Link to="/">返回我的待办</Link>} />;
  }
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (loading || !data) return <Skeleton active />;

  return (
    <div className="anwen-page" data-testid="workitem-page">
      <Space orientation="vertical" size={4} style={{ marginBottom: 16 }}>
        <Space size={8} wrap>
          <Tag color="blue">{data.moduleName}</Tag>
          <Typography.Text type="secondary" data-testid="workitem-refno">
            {data.refNo}
          </Typography.Text>
          <Tag>{stateLabel(data.state)}</Tag>
          {!data.open && data.state !== 'withdrawn' && <Tag color="green">已办结</Tag>}
        </Space>
        <Typography.Title level={4} className="anwen-page-title" style={{ margin: 0 }}>
          {data.title}
        </Typography.Title>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Typography.Title level={5}>期限</Typography.Title>
          {data.deadlines.length === 0 ? (
            <Card size="small">
              <Typography.Text type="secondary">本事项没有期限。</Typography.Text>
            </Card>
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {data.deadlines.map((d) => (
                <DeadlineCard key={d.id} deadline={d} />
              ))}
            </Space>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="责任信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="承办单位">{data.ownerUnit.name}</Descriptions.Item>
              <Descriptions.Item label="责任人">{data.assignee?.name ?? '未指定'}</Descriptions.Item>
              <Descriptions.Item label="包案领导">{data.leader ? `${data.leader.name}（${data.leader.title}）` : '未指定'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <ItemAccountabilityCard workItemId={data.id} />
          <ItemLinksCard workItemId={data.id} />
          <Card size="small" title="办理时间线">
            <WorkItemTimeline entries={data.timeline} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
