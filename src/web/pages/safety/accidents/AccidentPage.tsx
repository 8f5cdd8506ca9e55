import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Modal, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { ActionForm, type RenderPicker } from '../../../components/action-form/ActionForm.tsx';
import { objectSchema } from '../../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../../components/action-form/toPayload.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';
import { workItemApi } from '../../workitems/workItemApi.ts';
import { WorkItemTimeline } from '../../workitems/WorkItemTimeline.tsx';
import { ClockCard } from './ClockCard.tsx';
import { accidentsApi, beijingMinute, GRADE_COLORS, type AccidentDetail } from './accidentsApi.ts';

type Action = AccidentDetail['allowedActions'][number];

function ApproverSelect(props: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { data, loading } = useAsync(() => accidentsApi.approvers(), []);
  return (
    <Select
      {...props}
      loading={loading}
      showSearch
      optionFilterProp="label"
      placeholder="选择批准的县领导"
      notFoundContent="没有可选的县领导账号"
      options={(data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
    />
  );
}

/** One accident: its facts and grade, the statutory clocks counting down, 补报 history, the next steps and the timeline. */
export function AccidentPage() {
  const id = Number(useParams().id);
  const detail = useAsync(() => accidentsApi.get(id), [id]);
  const timeline = useAsync(() => workItemApi.get(id), [id]);
  const [current, setCurrent] = useState<AccidentDetail | undefined>();
  const [action, setAction] = useState<Action | null>(null);
  const shown = useLastDefined(action);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const a = current ?? detail.data;

  if (detail.error)
    return (
      <Result status={detail.error.status === 404 ? '404' : 'error'} title={detail.error.message} extra={<Link to="/safety/accidents">返回事故列表</Link>} />
    );
  if (!a) return <Skeleton active />;

  const renderPicker: RenderPicker = () => <ApproverSelect />;
  const schema = shown ? objectSchema(shown.inputSchema) : null;
  const submit = async (input: FormValues) => {
    if (!shown) return;
    setSaving(true);
    setError(null);
    try {
      setCurrent(await accidentsApi.act(a.id, shown.code, input));
      setAction(null);
      timeline.reload();
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.field && form.getFieldInstance(e.field) !== undefined) form.setFields([{ name: e.field, errors: [e.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };
  const running = a.deadlines.filter((d) => d.status === 'running');
  const done = a.deadlines.filter((d) => d.status !== 'running');

  return (
    <div className="anwen-page" data-testid="accident-page">
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {a.title}
        </Typography.Title>
        <Tag color={GRADE_COLORS[a.grade]}>{a.gradeName}</Tag>
        <Tag>{a.stateName}</Tag>
      </Space>
      <Typography.Paragraph type="secondary">
        {a.refNo} · {a.gradeText}
      </Typography.Paragraph>
      {a.allowedActions.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {a.allowedActions.map((x) => (
            <Button key={x.code} type={x.code === 'escalate' ? 'primary' : 'default'} onClick={() => setAction(x)} data-testid={`accident-action-${x.code}`}>
              {x.name}
            </Button>
          ))}
        </Space>
      )}
      {a.lateUnitReport && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="事故单位未在事故发生后1小时内报告（迟报），请在调查中查明原因。" />
      )}
      {a.entryReason && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`补录：${beijingMinute(a.enteredAt)} 录入，原因：${a.entryReason}`} />}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <Card title="事故情况" size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label="事故单位">{a.unitName}</Descriptions.Item>
              <Descriptions.Item label="单位地址">{a.unitAddress || '—'}</Descriptions.Item>
              <Descriptions.Item label="属地">{a.township.name}</Descriptions.Item>
              <Descriptions.Item label="类别">{a.typeName}</Descriptions.Item>
              <Descriptions.Item label="发生时间">{beijingMinute(a.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label="接报时间">{beijingMinute(a.reportedAt)}</Descriptions.Item>
              <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
              <Descriptions.Item label="报告单位">{a.ownerUnitName}</Descriptions.Item>
              <Descriptions.Item label="伤亡">
                死亡{a.deaths}人、重伤{a.seriousInjuries}人、轻伤{a.minorInjuries}人
              </Descriptions.Item>
              <Descriptions.Item label="直接经济损失">{a.lossText}</Descriptions.Item>
              <Descriptions.Item label="上报上级">{a.escalatedAt ? `${beijingMinute(a.escalatedAt)} 报${a.escalatedTo ?? ''}` : '尚未上报'}</Descriptions.Item>
              <Descriptions.Item label="批复">{a.approvedOn ? `${a.approvedOn} ${a.approvalText ?? ''}` : '—'}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{a.summary}</Typography.Paragraph>
          </Card>
          {a.updates.length > 0 && (
            <Card title="伤亡情况补报" size="small" style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={a.updates}
                scroll={{ x: 560 }}
                columns={[
                  { title: '获知时间', dataIndex: 'learnedAt', width: 140, render: (v: string) => beijingMinute(v) },
                  { title: '补报后', dataIndex: 'text', width: 240 },
                  {
                    title: '等级',
                    key: 'grade',
                    width: 170,
                    render: (_: unknown, u) => (u.gradeBefore === u.gradeAfter ? u.gradeAfter : `${u.gradeBefore} → ${u.gradeAfter}`),
                  },
                  { title: '情况', dataIndex: 'note', width: 200 },
                ]}
              />
            </Card>
          )}
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
            {timeline.data ? <WorkItemTimeline entries={timeline.data.timeline} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Typography.Text strong>法定时限</Typography.Text>
            {running.map((d) => (
              <ClockCard key={d.id} clock={d} now={now} />
            ))}
            {done.length > 0 && <Typography.Text type="secondary">已停止计时</Typography.Text>}
            {done.map((d) => (
              <ClockCard key={d.id} clock={d} now={now} />
            ))}
          </Space>
        </Col>
      </Row>
      <Modal
        open={!!action}
        title={shown?.name}
        okText="确定"
        confirmLoading={saving}
        okButtonProps={{ disabled: !schema }}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        afterOpenChange={(open) => {
          if (!open) setError(null);
        }}
      >
        {schema && (
          <ActionForm
            schema={schema}
            form={form}
            renderPicker={renderPicker}
            onSubmit={(input) => void submit(input)}
            testId={`accident-form-${shown?.code ?? ''}`}
          >
            {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
          </ActionForm>
        )}
      </Modal>
    </div>
  );
}
