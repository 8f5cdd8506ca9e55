import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { petitionApi, type AllowedAction, type PetitionDetail, type RegisterPetitionInput } from '../../api/petitions.ts';
import { labelOf } from '../../labels.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { DeadlineCard } from '../workitems/DeadlineCard.tsx';
import { WorkItemTimeline } from '../workitems/WorkItemTimeline.tsx';
import { ActionModal } from './ActionModal.tsx';
import { DecisionsCard } from './DecisionsCard.tsx';
import { PetitionDocumentsCard } from './documents/PetitionDocumentsCard.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { ItemLinksCard } from '../../components/item-links/ItemLinksCard.tsx';
import { FlagTags } from './FlagTags.tsx';
import { PetitionersCard } from './PetitionersCard.tsx';
import { SupervisionCard } from '../supervision/SupervisionCard.tsx';
import { orderDeadlines } from './deadlineOrder.ts';
import {
  CHANNEL_LABELS,
  MATTER_LABELS,
  PARTY_ROLE_LABELS,
  STAGE_COLORS,
  STAGE_LABELS,
  UPPER_LEVEL_LABELS,
  URGENCY_LABELS,
  petitionStateLabel,
  shanghaiDay,
} from './labels.ts';
import { ItemAccountabilityCard } from '../../components/work-item/ItemAccountabilityCard.tsx';

const refOf = (r: { id: number; caseNo: string; stage?: string }): { id: number; text: string } => ({
  id: r.id,
  text: `${r.caseNo}${r.stage ? `（${labelOf(STAGE_LABELS, r.stage)}）` : ''}`,
});

/** visit and upper are stored as registered; the record sends them untyped, so they are read with the registration's shapes */
type Visit = NonNullable<RegisterPetitionInput['visit']> & { receivedByName?: string };
type Upper = NonNullable<RegisterPetitionInput['upper']>;

/** 信访事项 /xf/:id: the record, who is responsible, the clocks, decisions, timeline and the allowed actions. */
export function PetitionCasePage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { message } = App.useApp();
  const { data: loaded, loading, error } = useAsync(() => (valid ? petitionApi.get(id) : Promise.resolve(undefined)), [id]);
  // an action answers the updated record: show it without another round trip
  const [updated, setUpdated] = useState<PetitionDetail | null>(null);
  const [action, setAction] = useState<AllowedAction | null>(null);
  const data = updated && updated.id === id ? updated : loaded;

  if (!valid || error?.status === 404) {
    return <Result status="404" title="未找到该信访事项" subTitle="事项不存在，或不在您的数据范围内。" extra={<Link to="/xf">返回信访事项</Link>} />;
  }
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (loading && !data) return <Skeleton active />;
  if (!data) return <Skeleton active />;

  const activeParties = data.parties.filter((p) => p.active !== false);
  const reviewOf = data.links.reviewOf ? refOf(data.links.reviewOf) : null;
  const reviews = data.links.reviews.map(refOf);
  const visit = data.visit as Visit | null;
  const upper = data.upper as Upper | null;

  return (
    <div className="anwen-page" data-testid="petition-case">
      <Space orientation="vertical" size={4} style={{ marginBottom: 12 }}>
        <Space size={8} wrap>
          <Typography.Text strong data-testid="petition-caseno">
            {data.caseNo}
          </Typography.Text>
          <Tag color={labelOf(STAGE_COLORS, data.stage, 'default')} data-testid="petition-stage">
            {labelOf(STAGE_LABELS, data.stage)}
          </Tag>
          <Tag color="blue" data-testid="petition-state" data-state={data.state}>
            {petitionStateLabel(data.state, data.stateName)}
          </Tag>
          {data.urgency === 'urgent' && <Tag color="red">紧急</Tag>}
          <FlagTags flags={data.flags} />
        </Space>
        <Typography.Title level={4} className="anwen-page-title" style={{ margin: 0 }}>
          {data.title}
        </Typography.Title>
      </Space>

      <Card size="small" style={{ marginBottom: 16 }} data-testid="action-bar">
        {data.allowedActions.length === 0 ? (
          <Typography.Text type="secondary">当前状态下您没有可执行的操作。</Typography.Text>
        ) : (
          <Space wrap>
            {data.allowedActions.map((a, i) => (
              <Button key={a.code} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(a)} data-action={a.code}>
                {a.name}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="事项信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="渠道">{labelOf(CHANNEL_LABELS, data.channel)}</Descriptions.Item>
              <Descriptions.Item label="事项类型">{labelOf(MATTER_LABELS, data.matterType)}</Descriptions.Item>
              <Descriptions.Item label="问题分类">{data.category.names.join(' / ') || '—'}</Descriptions.Item>
              <Descriptions.Item label="问题属地">{data.placeUnit.name || '—'}</Descriptions.Item>
              <Descriptions.Item label="紧急程度">{labelOf(URGENCY_LABELS, data.urgency)}</Descriptions.Item>
              {data.accusedUnit && <Descriptions.Item label="被反映单位">{data.accusedUnit.name}</Descriptions.Item>}
              {visit && (
                <Descriptions.Item label="来访">
                  {visit.batches ?? 1} 批 {visit.persons} 人次
                  {visit.representatives?.length ? `，代表：${visit.representatives.join('、')}` : ''}
                  {visit.receivedByName ? `，接待人：${visit.receivedByName}` : ''}
                </Descriptions.Item>
              )}
              {upper && (
                <Descriptions.Item label="上级交办">
                  {labelOf(UPPER_LEVEL_LABELS, upper.level)}级 {upper.refNo}，期限 {upper.dueDate}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="登记时间">{shanghaiDay(data.receivedAt)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{data.content}</Typography.Paragraph>
          </Card>

          <Typography.Title level={5}>期限</Typography.Title>
          {data.deadlines.length === 0 ? (
            <Card size="small" style={{ marginBottom: 16 }}>
              <Typography.Text type="secondary">本事项当前没有期限。</Typography.Text>
            </Card>
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
              {orderDeadlines(data.deadlines).map((d) => (
                <DeadlineCard key={d.id} deadline={d} />
              ))}
            </Space>
          )}
          <DecisionsCard decisions={data.decisions} />
          <PetitionDocumentsCard petitionId={data.id} state={data.state} />
          <AttachmentsCard petitionId={data.id} />
          <ItemAccountabilityCard workItemId={data.id} />
          <ItemLinksCard workItemId={data.id} />
        </Col>
        <Col xs={24} lg={10}>
          <PetitionersCard petitionId={data.id} petitioners={data.petitioners} anonymous={data.anonymous} />
          <Card size="small" title="责任" style={{ marginBottom: 16 }} data-testid="parties-card">
            {activeParties.length === 0 ? (
              <Typography.Text type="secondary">尚未交办，由信访局办理。</Typography.Text>
            ) : (
              <Descriptions size="small" column={1}>
                {activeParties.map((p, i) => (
                  <Descriptions.Item key={`${p.role}-${p.unitId ?? p.leaderId ?? i}`} label={p.roleName || labelOf(PARTY_ROLE_LABELS, p.role)}>
                    {p.unitName ?? p.leaderName ?? '—'}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
          <SupervisionCard
            workItemId={data.id}
            units={activeParties.filter((p) => p.role !== 'leader' && p.unitId).map((p) => ({ id: p.unitId!, name: p.unitName ?? String(p.unitId) }))}
            leaders={activeParties.filter((p) => p.role === 'leader' && p.leaderId).map((p) => ({ id: p.leaderId!, name: p.leaderName ?? String(p.leaderId) }))}
          />
          {(reviewOf || reviews.length > 0) && (
            <Card size="small" title="复查 / 复核" style={{ marginBottom: 16 }} data-testid="links-card">
              <Descriptions size="small" column={1}>
                {reviewOf && (
                  <Descriptions.Item label="原事项">
                    <Link to={`/xf/${reviewOf.id}`}>{reviewOf.text}</Link>
                  </Descriptions.Item>
                )}
                {reviews.map((r) => (
                  <Descriptions.Item key={r.id} label="申请的复查/复核">
                    <Link to={`/xf/${r.id}`}>{r.text}</Link>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          )}
          <Card size="small" title="办理时间线">
            <WorkItemTimeline entries={data.timeline ?? []} />
          </Card>
        </Col>
      </Row>

      <ActionModal
        petition={data}
        action={action}
        onClose={() => setAction(null)}
        onDone={(next, done) => {
          setUpdated(next);
          setAction(null);
          void message.success(`已${done.name}`);
        }}
      />
    </div>
  );
}
