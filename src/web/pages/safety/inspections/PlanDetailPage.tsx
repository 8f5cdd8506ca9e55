import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { inspectionsApi, KIND_COLOR, planStatus, SECRET_KINDS, type PlanDetail, type TargetRow } from './inspectionsApi.ts';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function DrawCard({ plan, justDrawn }: { plan: PlanDetail; justDrawn: boolean }) {
  const d = plan.draw!;
  return (
    <Card title="随机抽取情况" size="small" style={{ marginBottom: 16 }} data-testid="draw-card">
      {justDrawn && <Alert type="success" showIcon style={{ marginBottom: 12 }} title="抽取完成。请记下随机种子，抽取结果可随时用它复核。" />}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label="随机种子">
          <Typography.Text copyable strong data-testid="draw-seed-value">
            {d.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="抽取时间">{d.drawnAt ? when(d.drawnAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="复核结果">
          {d.replayMatches ? (
            <Tag icon={<CheckCircleOutlined />} color="success" data-testid="draw-replay">
              复核一致
            </Tag>
          ) : (
            <Tag icon={<WarningOutlined />} color="error" data-testid="draw-replay">
              复核不一致，请核查
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="抽取条件" span={{ xs: 1, sm: 2, lg: 3 }}>
          {d.filterWords.join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="候选对象">
          {d.candidates} 家（本年度未检查 {d.freshCandidates} 家，优先抽取）
        </Descriptions.Item>
        <Descriptions.Item label="抽取">
          {d.count} 家，每家 {d.perTarget} 人
        </Descriptions.Item>
        <Descriptions.Item label="执法人员库">
          {d.pool} 人；{d.ties ? `已按 ${d.ties} 条回避关系排除相关人员` : '无登记的回避关系'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
        如何复核：系统保存了抽取时的候选企业名单、执法人员库、回避关系和随机种子。每次打开本页，系统都用同一种子按同一名单重新抽取一次，与实际抽取结果逐一比对；结果相同显示“复核一致”。
      </Typography.Paragraph>
    </Card>
  );
}

/** 检查计划详情: the targets with their inspectors, status, result, records and the hazards they registered; a draw's seed and its replay. */
export function PlanDetailPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const { data: plan, loading, error } = useAsync(() => inspectionsApi.plan(id), [id]);
  if (loading && !plan) return <Spin />;
  if (error || !plan) return <Alert type="error" showIcon title={error?.message ?? '未找到该检查计划，或您无权查看'} />;
  const today = dayjs().format('YYYY-MM-DD');
  const status = planStatus(plan, today);
  const columns = [
    {
      title: '检查对象',
      key: 'enterprise',
      render: (_: unknown, t: TargetRow) => <Link to={`/safety/enterprises/${t.enterpriseId}`}>{t.enterpriseName}</Link>,
    },
    { title: '属地', dataIndex: 'townshipName', width: 100 },
    { title: '检查人员', key: 'inspectors', width: 170, render: (_: unknown, t: TargetRow) => t.inspectors.join('、') },
    {
      title: '检查情况',
      key: 'status',
      width: 200,
      render: (_: unknown, t: TargetRow) =>
        t.inspectedAt ? (
          <Space size={4} wrap>
            <Tag color="green">已检查</Tag>
            {t.result === 'hazards' ? <Tag color="red">发现隐患 {t.hazards.length} 项</Tag> : <Tag color="blue">合格</Tag>}
            <Typography.Text type="secondary">{dayjs(t.inspectedAt).format('MM-DD HH:mm')}</Typography.Text>
          </Space>
        ) : (
          <Tag>待检查</Tag>
        ),
    },
    {
      title: '检查记录 / 隐患',
      key: 'record',
      width: 260,
      render: (_: unknown, t: TargetRow) =>
        t.recordId ? (
          <Space size={4} wrap>
            <Link to={`/safety/inspection-records/${t.recordId}`}>{t.recordNo}</Link>
            {t.hazards.map((h) => (
              <Link key={h.id} to={`/safety/hazards/${h.id}`}>
                <Tag color="volcano">{h.refNo}</Tag>
              </Link>
            ))}
          </Space>
        ) : t.mine ? (
          <Link to={`/safety/inspections/${plan.id}/targets/${t.id}/record`}>
            <Button size="small">补录检查记录</Button>
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div className="anwen-page">
      <Space style={{ marginBottom: 8 }} wrap>
        <Link to="/safety/inspections">← 检查计划</Link>
      </Space>
      <Typography.Title level={4} className="anwen-page-title" data-testid="plan-title">
        {plan.title}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="检查方式">
            <Tag color={KIND_COLOR[plan.kind]}>{plan.kindName}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="检查期间">
            {plan.periodFrom} 至 {plan.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={status.color}>{status.label}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="检查单位">{plan.unitName}</Descriptions.Item>
          <Descriptions.Item label="检查表">{plan.checklistName ?? '未指定（检查时选择）'}</Descriptions.Item>
          <Descriptions.Item label="进度">
            共 {plan.targets} 家，已检查 {plan.inspected} 家，发现隐患 {plan.withHazards} 家
          </Descriptions.Item>
        </Descriptions>
        {SECRET_KINDS.includes(plan.kind) && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title="检查对象在提交检查记录前不向被检查企业及其所在乡镇（街道）显示，请勿提前告知。" />
        )}
      </Card>
      {plan.draw && <DrawCard plan={plan} justDrawn={params.get('drawn') === '1'} />}
      <Card title="检查对象" size="small">
        <Table<TargetRow>
          rowKey="id"
          size="middle"
          dataSource={plan.items}
          columns={columns}
          pagination={plan.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有可显示的检查对象' }}
          data-testid="plan-targets"
        />
      </Card>
    </div>
  );
}
