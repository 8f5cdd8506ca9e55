import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Spin, Steps, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { ActionForm } from '../../components/action-form/ActionForm.tsx';
import { objectSchema } from '../../components/action-form/jsonSchema.ts';
import type { FormValues } from '../../components/action-form/toPayload.ts';
import { ItemAttachmentsCard } from '../../components/work-item/ItemAttachmentsCard.tsx';
import { ItemLinksCard } from '../../components/item-links/ItemLinksCard.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useAuth } from '../../hooks/auth.tsx';
import { UnitPicker } from '../petitions/Pickers.tsx';
import { riskApi, type RiskDetail } from './riskApi.ts';
import { ItemAccountabilityCard } from '../../components/work-item/ItemAccountabilityCard.tsx';

type Allowed = RiskDetail['allowedActions'][number];
/** actions with a form of their own on this page (a step's evidence, an archive item, a measure) */
const OWN_FORMS = new Set(['completeStep', 'markArchive', 'completeMeasure']);
const LEVEL_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** What one of this page's own forms submits: the action and the fields it fixes (the step, the archive item, the measure). */
interface OwnForm {
  action: 'completeStep' | 'markArchive' | 'completeMeasure';
  title: string;
  fixed: Record<string, unknown>;
}

/**
 * One 稳评: the matter, the steps as a stepper with their evidence and minimum periods, the analysis, level and
 * decision, the mitigation measures, the archive checklist that gates the filing, the items at the matter's place and
 * its links, the clocks and the record — with the actions the user may take now.
 */
export function RiskAssessmentPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const { data: a, loading, error } = useAsync(() => riskApi.get(id), [id, version]);
  const [action, setAction] = useState<Allowed | null>(null);
  const [own, setOwn] = useState<OwnForm | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const schema = action ? objectSchema(action.inputSchema) : null;

  const run = async (code: string, input: Record<string, unknown>) => {
    setRefusal(null);
    try {
      await riskApi.act(id, code, input);
      setAction(null);
      setOwn(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (loading && !a) return <Spin />;
  if (error || !a) return <Alert type="error" showIcon message={error instanceof Error ? error.message : '未找到该稳评事项，或您无权查看'} />;
  const may = (code: string) => a.allowedActions.some((x) => x.code === code);
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const current = a.steps.find((s) => s.status === 'current');
  const today = dayjs().format('YYYY-MM-DD');
  const generic = a.allowedActions.filter((x) => !OWN_FORMS.has(x.code));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-detail">
      <Card
        title={
          <Space wrap>
            <span>{a.matterName}</span>
            <Tag>{a.matterKindName}</Tag>
            <Tag color={a.state === 'closed' ? 'green' : 'blue'}>{a.stateName}</Tag>
            {a.levelName && <Tag color={LEVEL_COLOR[a.level ?? '']}>{a.levelName}</Tag>}
            {a.filingLate && <Tag color="red">逾期未备案</Tag>}
          </Space>
        }
        extra={<Typography.Text type="secondary">{a.refNo}</Typography.Text>}
        styles={{ title: { whiteSpace: 'normal' } }}
      >
        {(generic.length > 0 || may('completeStep') || a.state === 'decided') && (
          <Space wrap style={{ marginBottom: 12 }} data-testid="risk-actions">
            {may('completeStep') && current && (
              <Button type="primary" onClick={() => setOwn({ action: 'completeStep', title: `完成“${current.name}”`, fixed: {} })}>
                完成“{current.name}”
              </Button>
            )}
            {a.state === 'decided' && !may('file') && a.archiveMissing > 0 && (
              <Button disabled title="档案资料目录尚未齐全" data-testid="risk-file-blocked">
                报送备案（县维稳办、县发改局）
              </Button>
            )}
            {generic.map((x) => (
              <Button key={x.code} onClick={() => setAction(x)} type={x.code === 'decide' || x.code === 'file' ? 'primary' : 'default'}>
                {x.name}
              </Button>
            ))}
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="责任单位">{a.responsibleUnitName}</Descriptions.Item>
          <Descriptions.Item label="评估主体">
            {a.subjectName}（{a.subjectKindName}）
          </Descriptions.Item>
          <Descriptions.Item label="建设（业主）单位">{dash(a.builderName)}</Descriptions.Item>
          <Descriptions.Item label="所在地">
            {dash(a.placeName)}
            {a.location ? `，${a.location}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="评估年度">
            {a.planYear}年度{a.counted ? '（纳入上级考核）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="完成时限">{a.targetOn}</Descriptions.Item>
          <Descriptions.Item label="事项概况" span={2}>
            {dash(a.description)}
          </Descriptions.Item>
          <Descriptions.Item label="风险等级">{a.levelName ? `${a.levelName}：${a.levelBasis ?? ''}` : '未定级'}</Descriptions.Item>
          <Descriptions.Item label="审定决策">
            {a.decisionName
              ? `${a.decidedBy}（${a.decidedOn}）：${a.decisionName}${a.residualLevelName ? `，落实措施后为${a.residualLevelName}` : ''}${a.decisionNote ? `。${a.decisionNote}` : ''}（${a.decisionRecordedBy ?? ''}记录）`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="备案期限">{dash(a.filingDue)}</Descriptions.Item>
          <Descriptions.Item label="备案日期">{a.filedOn ? `${a.filedOn}（已报县维稳办、县发改局）` : '未备案'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="评估步骤" size="small" data-testid="risk-steps">
        <Steps
          direction="vertical"
          size="small"
          current={current ? current.seq : a.steps.length}
          items={a.steps.map((s) => ({
            title: s.name,
            status: s.status === 'done' ? 'finish' : s.status === 'current' ? 'process' : 'wait',
            description: (
              <Space direction="vertical" size={0}>
                {s.startedOn && (
                  <Typography.Text type="secondary">
                    {s.startedOn} 开始{s.closedOn ? `，${s.closedOn} 完成${s.closedBy ? `（${s.closedBy}）` : ''}` : ''}
                  </Typography.Text>
                )}
                {s.minimums.map((m) => (
                  <Typography.Text key={m} type="secondary">
                    法定最短期限：{m}
                  </Typography.Text>
                ))}
                {s.status === 'current' && a.currentStepEarliestClose && a.currentStepEarliestClose > today && (
                  <Typography.Text type="warning">最短期限未满，不得早于{a.currentStepEarliestClose}完成本步骤</Typography.Text>
                )}
                {s.evidence && <Typography.Text type="secondary">佐证材料：{s.evidence}</Typography.Text>}
                {s.summary && <span>{s.summary}</span>}
                {s.attachmentIds.length > 0 && <Typography.Text type="secondary">已附材料 {s.attachmentIds.length} 份</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>

      <Card title="分析论证" size="small">
        <Descriptions column={1} size="small" bordered>
          {a.analysis.map((d) => (
            <Descriptions.Item key={d.key} label={d.name}>
              {dash(d.text)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>

      <Card title="风险防范化解措施" size="small" data-testid="risk-measures">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.measures}
          locale={{ emptyText: '尚未登记化解措施' }}
          scroll={{ x: 700 }}
          columns={[
            { title: '措施', dataIndex: 'content' },
            { title: '责任单位', dataIndex: 'ownerUnitName', width: 160, render: (v: string, m) => `${v}${m.ownerName ? `（${m.ownerName}）` : ''}` },
            { title: '完成时限', dataIndex: 'dueOn', width: 110 },
            {
              title: '落实情况',
              key: 'done',
              width: 200,
              render: (_: unknown, m) =>
                m.doneOn ? (
                  <span>
                    <Tag color="green">已落实</Tag>
                    {m.doneOn} {m.result}
                  </span>
                ) : may('completeMeasure') ? (
                  <Space>
                    {m.overdue && <Tag color="red">已超期</Tag>}
                    <Button size="small" onClick={() => setOwn({ action: 'completeMeasure', title: `措施落实：${m.content}`, fixed: { measureId: m.id } })}>
                      记录落实
                    </Button>
                  </Space>
                ) : (
                  <Tag color={m.overdue ? 'red' : 'blue'}>{m.overdue ? '已超期' : '落实中'}</Tag>
                ),
            },
          ]}
        />
      </Card>

      <Card title="档案资料目录" size="small" data-testid="risk-archive">
        {a.archiveMissing > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="risk-archive-missing"
            message={`尚缺 ${a.archiveMissing} 项档案资料：${a.archive
              .filter((x) => !x.providedOn)
              .map((x) => x.name)
              .join('、')}；补齐后才能报送备案`}
          />
        )}
        <List
          size="small"
          dataSource={a.archive}
          renderItem={(item, i) => (
            <List.Item
              actions={
                !item.providedOn && may('markArchive')
                  ? [
                      <Button
                        key="mark"
                        size="small"
                        onClick={() => setOwn({ action: 'markArchive', title: `登记档案资料：${item.name}`, fixed: { code: item.code } })}
                      >
                        登记
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <span>
                  {i + 1}. {item.name}
                </span>
                {item.providedOn ? <Tag color="green">已归档 {item.providedOn}</Tag> : <Tag color="orange">缺</Tag>}
                {item.note && <Typography.Text type="secondary">{item.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <ItemAttachmentsCard itemId={a.id} title="评估材料（方案、问卷、纪要、报告等）" mayUpload={!!user && !user.roles.every((r) => r === 'auditor')} />

      <Card title={`所在地的信访件、矛盾纠纷${a.placeName ? `（${a.placeName}）` : ''}`} size="small">
        <List
          size="small"
          dataSource={a.atPlace}
          locale={{ emptyText: a.placeName ? '该地暂无相关事项' : '未登记所在地' }}
          renderItem={(x) => (
            <List.Item>
              <Space wrap>
                <Tag>{x.moduleName}</Tag>
                <Link to={x.href}>{x.title}</Link>
                <Typography.Text type="secondary">
                  {x.refNo}，{x.receivedOn}，{x.stateName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <ItemAccountabilityCard workItemId={a.id} />
      <ItemLinksCard workItemId={a.id} />

      <Card title="期限" size="small">
        {a.deadlines.map((d) => (
          <Typography.Paragraph key={d.id}>
            {d.minimum
              ? `${d.label}至${d.dueDate ?? '—'}（最短期限，${d.status === 'stopped' ? '已结束' : `不得早于${d.earliestEnd ?? '—'}结束`}）`
              : `${d.label}：${d.dueDate ?? '—'}（${d.statusName}）`}
            <Typography.Text type="secondary"> {d.explanation}</Typography.Text>
          </Typography.Paragraph>
        ))}
      </Card>
      <Card title="办理记录" size="small">
        <Timeline
          items={a.timeline.map((e) => ({
            children: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {shanghaiDay(e.at)} {e.actorName}
                </Typography.Text>
                {e.detail && <div>{e.detail}</div>}
              </>
            ),
          }))}
        />
      </Card>

      <Modal open={!!action} title={action?.name} okText="确定" cancelText="取消" onOk={() => form.submit()} onCancel={() => setAction(null)} destroyOnHidden>
        {schema && (
          <ActionForm
            schema={schema}
            form={form}
            renderPicker={(kind) => (kind === 'unit' ? <UnitPicker /> : null)}
            onSubmit={(input) => void run(action!.code, input as Record<string, unknown>)}
            testId="risk-action-form"
          >
            {refusal && <Alert type="error" showIcon message={refusal} data-testid="risk-refusal" />}
          </ActionForm>
        )}
      </Modal>
      {own && (
        <OwnFormModal
          own={own}
          itemId={a.id}
          refusal={refusal}
          onCancel={() => (setOwn(null), setRefusal(null))}
          onSubmit={(input) => void run(own.action, { ...own.fixed, ...input })}
        />
      )}
    </Space>
  );
}

/** A step closed with its evidence, an archive item with its file or where the paper lies, a measure with its result. */
function OwnFormModal({
  own,
  itemId,
  refusal,
  onCancel,
  onSubmit,
}: {
  own: OwnForm;
  itemId: number;
  refusal: string | null;
  onCancel: () => void;
  onSubmit: (input: Record<string, unknown>) => void;
}) {
  const [form] = Form.useForm<{ text?: string; files?: number[]; file?: number; occurredOn: Dayjs }>();
  const files = useAsync(() => riskApi.attachments(itemId), [itemId]);
  const options = (files.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }));
  const finish = (v: { text?: string; files?: number[]; file?: number; occurredOn: Dayjs }) => {
    const occurredOn = v.occurredOn.format('YYYY-MM-DD');
    if (own.action === 'completeStep') onSubmit({ summary: v.text, attachmentIds: v.files ?? [], occurredOn });
    else if (own.action === 'markArchive') onSubmit({ attachmentId: v.file, note: v.text || undefined, occurredOn });
    else onSubmit({ result: v.text, occurredOn });
  };
  const textLabel = own.action === 'completeStep' ? '本步骤工作情况' : own.action === 'markArchive' ? '说明（如纸质档案的存放位置）' : '落实情况';
  return (
    <Modal open title={own.title} okText="确定" cancelText="取消" onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={finish} initialValues={{ occurredOn: dayjs() }} data-testid="risk-own-form">
        <Form.Item name="occurredOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {own.action === 'completeStep' && (
          <Form.Item name="files" label="佐证材料" extra="先在“评估材料”中上传，再在此选择">
            <Select mode="multiple" options={options} loading={files.loading} placeholder="选择本事项的附件" />
          </Form.Item>
        )}
        {own.action === 'markArchive' && (
          <Form.Item name="file" label="对应附件">
            <Select allowClear options={options} loading={files.loading} placeholder="选择本事项的附件（或在下方写明纸质档案）" />
          </Form.Item>
        )}
        <Form.Item name="text" label={textLabel} rules={own.action === 'markArchive' ? [] : [{ required: true, message: `请填写${textLabel}` }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {refusal && <Alert type="error" showIcon message={refusal} data-testid="risk-refusal" />}
      </Form>
    </Modal>
  );
}
