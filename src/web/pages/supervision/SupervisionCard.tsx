import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Divider, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { NoticeReplyState } from './NoticeReplyState.tsx';
import { NoticeReplyLimit } from './NoticeReplyLimit.tsx';
import { shanghaiDay, supervisionApi, type NoticeView, type SupervisionView } from './supervisionApi.ts';

type Dialog =
  | { kind: 'text'; title: string; label: string; submit: (text: string) => Promise<unknown> }
  | { kind: 'notice' }
  | { kind: 'reply'; notice: NoticeView }
  | { kind: 'backlog' }
  | { kind: 'assistance' }
  | { kind: 'request' };

interface Props {
  workItemId: number;
  /** the item's units (主办/协办/属地) and 包案领导, offered as 积案 责任单位/责任领导 */
  units: { id: number; name: string }[];
  leaders: { id: number; name: string }[];
}

/** 督办与领导 on a case page: 批示, 督办通知, 挂牌, 积案, assistance — with the buttons the server allows. */
export function SupervisionCard({ workItemId, units, leaders }: Props) {
  const { message } = App.useApp();
  const sup = useAsync(() => supervisionApi.get(workItemId), [workItemId]);
  const help = useAsync(() => supervisionApi.assistance(workItemId), [workItemId]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const askable = useAsync(() => (dialog?.kind === 'request' ? supervisionApi.instructingLeaders() : Promise.resolve([])), [dialog?.kind]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      setDialog(null);
      form.resetFields();
      sup.reload();
      help.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };

  const v: SupervisionView | undefined = sup.data;
  if (sup.error)
    return (
      <Card size="small" title="督办与领导" style={{ marginBottom: 16 }}>
        <Alert type="error" showIcon message={sup.error.message} />
      </Card>
    );
  const a = v?.allowed;
  const openBacklog = v?.backlog.find((b) => !b.closedAt);
  const pendingNotice = v?.notices.find((n) => !n.repliedAt);
  const textDialog = (title: string, label: string, submit: (text: string) => Promise<unknown>) => setDialog({ kind: 'text', title, label, submit });

  const onOk = async () => {
    const values = await form.validateFields();
    if (!dialog) return;
    if (dialog.kind === 'text') return run(() => dialog.submit(values.text), `${dialog.title}已完成`);
    if (dialog.kind === 'reply') return run(() => supervisionApi.replyNotice(workItemId, dialog.notice.id, values.text), '督办回复已提交');
    if (dialog.kind === 'request')
      return run(() => supervisionApi.requestInstruction(workItemId, values.leaderId, values.question), '已报请领导批示，领导将在“待我批示”中看到');
    if (dialog.kind === 'notice') return run(() => supervisionApi.issueNotice(workItemId, { level: values.level, text: values.text }), '督办通知已发出');
    if (dialog.kind === 'backlog')
      return run(
        () =>
          supervisionApi.openBacklog(workItemId, {
            plan: values.plan,
            unitId: values.unitId,
            leaderId: values.leaderId ?? null,
            dueDate: values.dueDate.format('YYYY-MM-DD'),
          }),
        '已列入积案台账',
      );
    return run(
      () =>
        supervisionApi.addAssistance(workItemId, {
          kind: values.kind,
          agency: values.agency,
          description: values.description,
          amount: values.amount ?? null,
          date: values.date.format('YYYY-MM-DD'),
        }),
      '已记录',
    );
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          督办与领导{v?.listed && <Tag color="red">挂牌督办</Tag>}
          {openBacklog && <Tag color="orange">积案</Tag>}
        </Space>
      }
      style={{ marginBottom: 16 }}
      loading={sup.loading && !v}
      data-testid="supervision-card"
    >
      {v && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            {a?.instruct && (
              <Button size="small" onClick={() => textDialog('领导批示', '批示内容', (t) => supervisionApi.instruct(workItemId, t))}>
                批示
              </Button>
            )}
            {a?.requestInstruction && (
              <Button size="small" onClick={() => setDialog({ kind: 'request' })}>
                报请领导批示
              </Button>
            )}
            {(a?.issueCountyNotice || a?.issueTownshipNotice) && (
              <Button size="small" onClick={() => setDialog({ kind: 'notice' })}>
                发督办通知
              </Button>
            )}
            {a?.replyNotice && pendingNotice && (
              <Button size="small" type="primary" onClick={() => setDialog({ kind: 'reply', notice: pendingNotice })}>
                回复督办
              </Button>
            )}
            {a?.list && (
              <Button size="small" danger onClick={() => textDialog('挂牌督办', '挂牌理由', (t) => supervisionApi.list(workItemId, t))}>
                挂牌督办
              </Button>
            )}
            {a?.delist && (
              <Button size="small" onClick={() => textDialog('摘牌', '摘牌理由（化解情况）', (t) => supervisionApi.delist(workItemId, t))}>
                摘牌
              </Button>
            )}
            {a?.openBacklog && (
              <Button size="small" onClick={() => setDialog({ kind: 'backlog' })}>
                列入积案
              </Button>
            )}
            {a?.reportBacklog && (
              <Button size="small" onClick={() => textDialog('报送化解结果', '化解结果', (t) => supervisionApi.reportBacklog(workItemId, t))}>
                报送化解结果
              </Button>
            )}
            {a?.closeBacklog && (
              <Button size="small" type="primary" onClick={() => textDialog('积案销号', '核实意见', (t) => supervisionApi.closeBacklog(workItemId, t))}>
                核实销号
              </Button>
            )}
            {a?.recordAssistance && (
              <Button size="small" onClick={() => setDialog({ kind: 'assistance' })}>
                记录帮扶/心理服务
              </Button>
            )}
          </Space>
          {v.instructions.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>领导批示</Typography.Text>}
              dataSource={v.instructions}
              renderItem={(i) => (
                <List.Item>
                  {i.leaderName ?? i.authorName}（{shanghaiDay(i.at)}）：{i.text}
                </List.Item>
              )}
            />
          )}
          {v.instructionRequests.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>报请批示</Typography.Text>}
              dataSource={v.instructionRequests}
              renderItem={(r) => (
                <List.Item data-testid={`instruction-request-${r.id}`}>
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {r.answeredAt ? <Tag color="green">已批示</Tag> : <Tag color="orange">待批示</Tag>}
                    {r.requestedByName}（{shanghaiDay(r.requestedAt)}）报请{r.leaderName}批示：{r.question}
                    {r.instructionText && (
                      <div>
                        {r.leaderName}批示（{shanghaiDay(r.answeredAt!)}）：{r.instructionText}
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          )}
          {v.notices.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>督办通知</Typography.Text>}
              dataSource={v.notices}
              renderItem={(n) => (
                <List.Item
                  data-testid={`notice-${n.id}`}
                  actions={
                    a?.replyNotice && !n.repliedAt
                      ? [
                          <a key="reply" onClick={() => setDialog({ kind: 'reply', notice: n })}>
                            回复
                          </a>,
                        ]
                      : []
                  }
                >
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    <Tag>{n.level === 'county' ? '县级' : '乡级'}</Tag>
                    {n.text}
                    <div>
                      <Typography.Text type="secondary">
                        {n.issuedByName} {shanghaiDay(n.issuedAt)} 发出，回复期限 {n.replyDue}
                      </Typography.Text>{' '}
                      <NoticeReplyState notice={n} />
                    </div>
                    {n.replyText && (
                      <div data-testid="notice-reply">
                        回复（{n.repliedByName}，{shanghaiDay(n.repliedAt!)}）：{n.replyText}
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          )}
          {v.listings.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {v.listings.map((l) => (
                <div key={l.id}>
                  挂牌：{shanghaiDay(l.listedAt)} {l.listedByName}，{l.reason}
                  {l.delistedAt ? `；摘牌：${shanghaiDay(l.delistedAt)} ${l.delistedByName}，${l.delistReason ?? ''}` : ''}
                </div>
              ))}
            </Typography.Paragraph>
          )}
          {v.backlog.map((b) => (
            <Typography.Paragraph key={b.id}>
              积案：{b.plan}（责任单位 {b.unitName}
              {b.leaderName ? `，责任领导 ${b.leaderName}` : ''}，时限 {b.dueDate}）
              {b.resultText && (
                <div>
                  化解结果（{b.resultByName}）：{b.resultText}
                </div>
              )}
              {b.closedAt ? (
                <div>
                  <Tag color="green">已销号</Tag>
                  {b.closedByName} 核实：{b.closeNote}
                </div>
              ) : null}
            </Typography.Paragraph>
          ))}
          {(help.data?.items.length ?? 0) > 0 && (
            <>
              <Divider style={{ margin: '8px 0' }} />
              <List
                size="small"
                header={<Typography.Text strong>帮扶救助与心理服务</Typography.Text>}
                dataSource={help.data?.items ?? []}
                renderItem={(h) => (
                  <List.Item>
                    {h.date} {h.kindName}·{h.agency}：{h.description}
                    {h.amount !== null ? `（${h.amount} 元）` : ''}
                  </List.Item>
                )}
              />
            </>
          )}
          {v.instructions.length + v.instructionRequests.length + v.notices.length + v.listings.length + v.backlog.length + (help.data?.items.length ?? 0) ===
            0 && <Typography.Text type="secondary">暂无批示、督办或帮扶记录。</Typography.Text>}
        </>
      )}
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'text'
            ? dialog.title
            : dialog?.kind === 'reply'
              ? '回复督办通知'
              : dialog?.kind === 'notice'
                ? '发督办通知'
                : dialog?.kind === 'backlog'
                  ? '列入积案台账'
                  : dialog?.kind === 'request'
                    ? '报请领导批示'
                    : '记录帮扶救助 / 心理服务转介'
        }
        onOk={onOk}
        confirmLoading={busy}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'text' && (
            <Form.Item name="text" label={dialog.label} rules={[{ required: true, min: 2, message: '至少 2 个字' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.kind === 'reply' && (
            <>
              <Alert
                style={{ marginBottom: 12 }}
                type={dialog.notice.overdue ? 'warning' : 'info'}
                message={`${dialog.notice.level === 'county' ? '县级' : '乡级'}督办（${dialog.notice.issuedByName}，${shanghaiDay(dialog.notice.issuedAt)}）`}
                description={
                  <>
                    <div>{dialog.notice.text}</div>
                    <div>
                      回复期限：{dialog.notice.replyDue}
                      {dialog.notice.overdue ? '（已超期，请说明原因）' : ''}
                    </div>
                  </>
                }
              />
              <Form.Item
                name="text"
                label="回复内容（办理进展、已采取的措施、下一步安排）"
                rules={[
                  { required: true, min: 2, message: '至少 2 个字' },
                  { max: 2000, message: '不超过 2000 字' },
                ]}
              >
                <Input.TextArea rows={5} showCount maxLength={2000} />
              </Form.Item>
              <Typography.Text type="secondary">回复只能提交一次，提交后记入审计，督办方即可看到。</Typography.Text>
            </>
          )}
          {dialog?.kind === 'notice' && (
            <>
              <Form.Item name="level" label="级别" initialValue={a?.issueCountyNotice ? 'county' : 'township'}>
                <Select options={[...(a?.issueCountyNotice ? [{ value: 'county', label: '县级督办' }] : []), { value: 'township', label: '乡级督办' }]} />
              </Form.Item>
              <Form.Item name="text" label="督办内容" rules={[{ required: true, min: 2, message: '至少 2 个字' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <NoticeReplyLimit />
            </>
          )}
          {dialog?.kind === 'request' && (
            <>
              <Form.Item name="leaderId" label="报请领导" rules={[{ required: true, message: '请选择报请批示的领导' }]}>
                <Select
                  loading={askable.loading}
                  showSearch
                  optionFilterProp="label"
                  options={(askable.data ?? leaders).map((l) => ({ value: l.id, label: 'title' in l ? `${l.name}（${l.title}）` : l.name }))}
                />
              </Form.Item>
              <Form.Item
                name="question"
                label="请示事项"
                rules={[
                  { required: true, min: 2, message: '请写明请示的问题，至少 2 个字' },
                  { max: 2000, message: '不超过 2000 字' },
                ]}
              >
                <Input.TextArea rows={4} showCount maxLength={2000} placeholder="写明需要领导决定的问题和本单位的意见" />
              </Form.Item>
              <Typography.Text type="secondary">领导在工作台“待我批示”中看到此请示；领导批示后，请示即办结。</Typography.Text>
            </>
          )}
          {dialog?.kind === 'backlog' && (
            <>
              <Form.Item name="plan" label="化解方案" rules={[{ required: true, min: 2, message: '请填写化解方案' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]} initialValue={units[0]?.id}>
                <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="leaderId" label="责任领导" initialValue={leaders[0]?.id}>
                <Select allowClear options={leaders.map((l) => ({ value: l.id, label: l.name }))} />
              </Form.Item>
              <Form.Item name="dueDate" label="化解时限" rules={[{ required: true, message: '请选择化解时限' }]} initialValue={dayjs().add(3, 'month')}>
                <DatePicker />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'assistance' && (
            <>
              <Form.Item name="kind" label="类别" initialValue="relief">
                <Select
                  options={[
                    { value: 'relief', label: '帮扶救助' },
                    { value: 'psych', label: '心理服务转介' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="agency" label="实施单位" rules={[{ required: true, min: 2, message: '如 县民政局、县残联、县人社局' }]}>
                <Input placeholder="县民政局 / 县残联 / 县人社局 / 心理服务站" />
              </Form.Item>
              <Form.Item name="description" label="内容" rules={[{ required: true, min: 2, message: '请填写内容' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="amount" label="金额（元，可不填）">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]} initialValue={dayjs()}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
