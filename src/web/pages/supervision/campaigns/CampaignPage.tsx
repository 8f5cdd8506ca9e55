import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { bulletinHref, campaignsApi, type CampaignDetail, type CampaignTarget } from './campaignsApi.ts';

const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

interface RecordValues {
  inspectedOn: Dayjs;
  backdateReason?: string;
  heard?: string;
  checked?: string;
  seen?: string;
  goodPractices?: string;
  problems?: { description: string; requirement: string; dueOn: Dayjs }[];
}

/** 登记督查记录: 一听、二查、三看, good practices, problems with their 整改要求 and 期限 (补录 with a reason). */
function RecordModal({ c, target, onClose, onSaved }: { c: CampaignDetail; target: CampaignTarget; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (v: RecordValues) => {
    setSaving(true);
    setError(null);
    try {
      await campaignsApi.record(c.id, target.id, {
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        backdateReason: v.backdateReason || undefined,
        heard: v.heard || undefined,
        checked: v.checked || undefined,
        seen: v.seen || undefined,
        goodPractices: v.goodPractices || undefined,
        problems: (v.problems ?? []).map((p) => ({ description: p.description, requirement: p.requirement, dueOn: p.dueOn.format('YYYY-MM-DD') })),
      });
      onSaved();
    } catch (err) {
      setError(message(err));
    } finally {
      setSaving(false);
    }
  };
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Modal
      open
      title={`登记督查记录：${target.unitName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      width={760}
      destroyOnHidden
    >
      <Form<RecordValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ inspectedOn: dayjs(today > c.periodTo ? c.periodTo : today < c.periodFrom ? c.periodFrom : today) }}
      >
        <Form.Item
          name="inspectedOn"
          label={`督查日期（督查时段 ${c.periodFrom} 至 ${c.periodTo}；事后补录填写实际日期）`}
          rules={[{ required: true, message: '请选择督查日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="backdateReason" label="补录说明（补录较早的督查时填写）">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="heard" label="一听：听取汇报">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="checked" label="二查：查阅资料、台账">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="seen" label="三看：实地查看">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="goodPractices" label="好的做法">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>存在问题（通报印发后逐项转为督办整改事项）</Typography.Text>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ margin: '8px 0' }}
                  title={`问题 ${i + 1}`}
                  extra={<MinusCircleOutlined aria-label="删除该问题" onClick={() => remove(f.name)} />}
                >
                  <Form.Item name={[f.name, 'description']} label="存在问题" rules={[{ required: true, message: '请写明存在的问题' }]}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid={`problem-${i}-description`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'requirement']} label="整改要求" rules={[{ required: true, message: '请写明整改要求' }]}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid={`problem-${i}-requirement`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
                    <DatePicker data-testid={`problem-${i}-due`} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }} data-testid="add-problem">
                增加问题
              </Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      </Form>
    </Modal>
  );
}

/** The target unit's 情况说明 or 异议 (while the window is open). */
function ResponseModal({ c, target, onClose, onSaved }: { c: CampaignDetail; target: CampaignTarget; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ kind: 'answer' | 'objection'; content: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = async (v: { kind: 'answer' | 'objection'; content: string }) => {
    setError(null);
    try {
      await campaignsApi.respond(c.id, target.id, v);
      onSaved();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <Modal
      open
      title={`对督查结论作说明或提出异议：${target.unitName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: c.objection.open ? 'objection' : 'answer' }}>
        <Form.Item name="kind" label="类型">
          <Radio.Group>
            <Radio value="answer">情况说明</Radio>
            <Radio value="objection" disabled={!c.objection.open}>
              异议（申请复核）
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {c.objection.open
            ? `对督查结论有异议的，可以自收到督查通报之日起${c.objection.period}内提出（${c.objection.source}），本通报的异议期限至 ${c.objection.dueDate}。`
            : `异议期限已于 ${c.objection.dueDate} 届满（${c.objection.source}），仍可提交情况说明。`}
        </Typography.Paragraph>
        <Form.Item name="content" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
          <Input.TextArea rows={5} maxLength={4000} data-testid="response-content" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function DecisionModal({ c, responseId, onClose, onSaved }: { c: CampaignDetail; responseId: number; onClose: () => void; onSaved: () => void }) {
  const options = useAsync(() => campaignsApi.options(), []);
  const [form] = Form.useForm<{ decision: 'upheld' | 'partly' | 'rejected'; note: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = async (v: { decision: 'upheld' | 'partly' | 'rejected'; note: string }) => {
    setError(null);
    try {
      await campaignsApi.decide(c.id, responseId, v);
      onSaved();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <Modal open title="异议复核决定" onCancel={onClose} onOk={() => form.submit()} okText="保存决定" destroyOnHidden>
      <Typography.Paragraph type="secondary">
        督查机构应当自收到复核申请之日起{c.objection.answerPeriod}内作出复核决定（{c.objection.source}）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="decision" label="复核决定" rules={[{ required: true, message: '请选择复核决定' }]}>
          <Radio.Group options={(options.data?.decisions ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="note" label="复核意见" rules={[{ required: true, message: '请填写复核意见' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function TargetCard({ c, target, onChange }: { c: CampaignDetail; target: CampaignTarget; onChange: () => void }) {
  const [modal, setModal] = useState<null | 'record' | 'respond' | { decide: number }>(null);
  const done = () => {
    setModal(null);
    onChange();
  };
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{target.unitName}</span>
          <Tag>{target.groupName}</Tag>
          {target.records.length === 0 && <Tag color="warning">尚未督查</Tag>}
        </Space>
      }
      extra={
        <Space>
          {c.mayRecord && (
            <Button size="small" type="primary" onClick={() => setModal('record')} data-testid={`record-${target.unitName}`}>
              登记督查记录
            </Button>
          )}
          {target.mayRespond && (
            <Button size="small" onClick={() => setModal('respond')} data-testid="respond">
              说明或异议
            </Button>
          )}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="sv-target"
    >
      {target.records.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有督查记录" />
      ) : (
        target.records.map((r) => (
          <Descriptions
            key={r.id}
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 12 }}
            title={`${r.inspectedOn} 督查（${r.recordedBy} 登记${r.backdateReason ? `；补录：${r.backdateReason}` : ''}）`}
          >
            {r.heard && <Descriptions.Item label="一听：听取汇报">{r.heard}</Descriptions.Item>}
            {r.checked && <Descriptions.Item label="二查：查阅资料">{r.checked}</Descriptions.Item>}
            {r.seen && <Descriptions.Item label="三看：实地查看">{r.seen}</Descriptions.Item>}
            {r.goodPractices && <Descriptions.Item label="好的做法">{r.goodPractices}</Descriptions.Item>}
          </Descriptions>
        ))
      )}
      {target.problems.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={target.problems}
          columns={[
            { title: '存在问题', dataIndex: 'description' },
            { title: '整改要求', dataIndex: 'requirement' },
            { title: '整改期限', dataIndex: 'dueOn', width: 110 },
            {
              title: '整改督办',
              key: 'task',
              width: 130,
              render: (_: unknown, p) => {
                const tag = <Tag color={p.overdue ? 'error' : p.taskId ? 'processing' : 'default'}>{p.taskStatusName}</Tag>;
                return p.taskHref ? <Link to={p.taskHref}>{tag}</Link> : tag;
              },
            },
          ]}
        />
      )}
      {target.responses.length > 0 && (
        <List
          header={<Typography.Text strong>情况说明与异议</Typography.Text>}
          dataSource={target.responses}
          renderItem={(r) => (
            <List.Item
              actions={
                c.mayDecide && r.kind === 'objection' && !r.decisionName
                  ? [
                      <Button key="d" size="small" onClick={() => setModal({ decide: r.id })}>
                        复核决定
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={r.kind === 'objection' ? 'orange' : 'blue'}>{r.kindName}</Tag>
                    <span>
                      {r.submittedOn} {r.submittedBy}
                    </span>
                    {r.kind === 'objection' && <Tag color={r.decisionName ? 'green' : 'gold'}>{r.decisionName ?? '待复核'}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>{r.content}</div>
                    {r.decisionNote && (
                      <div>
                        复核意见（{r.decidedOn} {r.decidedBy}）：{r.decisionNote}
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {modal === 'record' && <RecordModal c={c} target={target} onClose={() => setModal(null)} onSaved={done} />}
      {modal === 'respond' && <ResponseModal c={c} target={target} onClose={() => setModal(null)} onSaved={done} />}
      {modal && typeof modal === 'object' && <DecisionModal c={c} responseId={modal.decide} onClose={() => setModal(null)} onSaved={done} />}
    </Card>
  );
}

/** A campaign: its plan, groups, each target's records, problems with their tasks, the 通报 and the answers and objections. */
export function CampaignPage() {
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const { data: c, loading, error } = useAsync(() => campaignsApi.get(id), [id, version]);
  const [issuing, setIssuing] = useState(false);
  const [summary, setSummary] = useState('');
  const [issueError, setIssueError] = useState<string | null>(null);
  const reload = () => setVersion((v) => v + 1);

  if (error) return <Alert type="error" showIcon message={message(error)} />;
  if (!c) return <Card loading={loading} />;
  const issue = async () => {
    setIssueError(null);
    try {
      await campaignsApi.issue(c.id, summary || undefined);
      setIssuing(false);
      reload();
    } catch (err) {
      setIssueError(message(err));
    }
  };
  const problems = c.targets.reduce((n, t) => n + t.problems.length, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={c.name}
        extra={
          <Space wrap>
            <Tag color={c.stage === 'issued' ? 'success' : 'processing'}>{c.stageName}</Tag>
            {c.bulletin && (
              <a href={bulletinHref(c.id)} download data-testid="bulletin-download">
                <Button>下载通报（{c.bulletin.number}）</Button>
              </a>
            )}
            {c.mayIssue && (
              <Button type="primary" onClick={() => setIssuing(true)} data-testid="issue-bulletin">
                印发督查通报
              </Button>
            )}
          </Space>
        }
        data-testid="sv-campaign"
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="督查时段">
            {c.periodFrom} 至 {c.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="督查方式">{c.methodName}</Descriptions.Item>
          <Descriptions.Item label="组织单位">{c.organiserName}</Descriptions.Item>
          {c.basis && <Descriptions.Item label="督查依据">{c.basis}</Descriptions.Item>}
          <Descriptions.Item label="督查内容" span={2}>
            {c.checklist.map((x, i) => `${i + 1}. ${x}`).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label="被督查单位">{c.targets.length}</Descriptions.Item>
          <Descriptions.Item label="发现问题">
            <a href="#problems">{problems}</a>
          </Descriptions.Item>
          {c.bulletin && (
            <Descriptions.Item label="督查通报">
              {c.bulletin.number}（{c.bulletin.issuedOn} 印发）
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.bulletin && (
          <Alert
            style={{ marginTop: 12 }}
            type={c.objection.open ? 'info' : 'warning'}
            showIcon
            message={`${c.objection.ruleName}：自收到督查通报之日起${c.objection.period}（${c.objection.source}）——${c.objection.open ? `可在 ${c.objection.dueDate} 前（含当日）提出` : `已于 ${c.objection.dueDate} 届满`}`}
            description={c.objection.explanation}
            data-testid="objection-window"
          />
        )}
      </Card>
      {c.groups.length > 0 && (
        <Card title="检查组" size="small">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.groups}
            columns={[
              { title: '检查组', dataIndex: 'name', width: 140 },
              { title: '组长', dataIndex: 'leaderName', width: 120 },
              { title: '成员', dataIndex: 'members', render: (m: string[]) => m.join('、') || '—' },
              {
                title: '督查单位',
                key: 'units',
                render: (_: unknown, g) =>
                  c.targets
                    .filter((t) => t.groupId === g.id)
                    .map((t) => t.unitName)
                    .join('、'),
              },
            ]}
          />
        </Card>
      )}
      <div id="targets">
        <span id="problems" />
        {c.targets.map((t) => (
          <TargetCard key={t.id} c={c} target={t} onChange={reload} />
        ))}
      </div>
      <Modal open={issuing} title="印发督查通报" onCancel={() => setIssuing(false)} onOk={issue} okText="印发" destroyOnHidden>
        <Typography.Paragraph>
          通报按本单位发文代字编号，列明各单位的督查情况和存在问题；印发后督查记录不能再更改，存在问题逐项转为督办整改事项交各单位办理，各被督查单位可查看本单位的督查结论。
        </Typography.Paragraph>
        <Input.TextArea rows={4} placeholder="总体情况（可不填）" value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} />
        {issueError && <Alert type="error" showIcon message={issueError} style={{ marginTop: 12 }} />}
      </Modal>
    </Space>
  );
}
