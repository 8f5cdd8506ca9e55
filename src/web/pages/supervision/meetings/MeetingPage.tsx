import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { DecisionTasks } from './MeetingFormPage.tsx';
import { MeetingEditModal } from './MeetingEditModal.tsx';
import { meetingsApi, minutesHref, type MeetingDecision } from './meetingsApi.ts';

type Task = MeetingDecision['tasks'][number];
interface AddValues {
  content: string;
  tasks?: { unitId: number; dueDate: Dayjs; leaderId?: number }[];
  reason?: string;
}

/** One meeting: who met, what was discussed (with the linked items), the decisions and where each task stands; 印发 the 纪要. */
export function MeetingPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const meeting = useAsync(() => meetingsApi.get(id), [id]);
  const options = useAsync(() => meetingsApi.options(), []);
  const [withdrawing, setWithdrawing] = useState<MeetingDecision | null>(null);
  const [withdrawingTask, setWithdrawingTask] = useState<{ decision: MeetingDecision; task: Task } | null>(null);
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [withdrawForm] = Form.useForm<{ reason: string }>();
  const [addForm] = Form.useForm<AddValues>();
  const m = meeting.data;

  if (meeting.error) return <Alert type="error" showIcon message={meeting.error instanceof Error ? meeting.error.message : String(meeting.error)} />;
  if (!m) return <Card loading />;

  const run = async (f: () => Promise<unknown>, done: string, close: () => void) => {
    setBusy(true);
    setFormError(null);
    try {
      await f();
      void message.success(done);
      close();
      meeting.reload();
      setVersion((v) => v + 1);
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const issue = () =>
    Modal.confirm({
      title: '印发会议纪要',
      content: '将按本单位代字编号并生成会议纪要（DOCX）。印发后会议内容定稿，再修改须说明理由。',
      okText: '印发',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await meetingsApi.issue(id);
          void message.success(`已印发 ${r.number}`);
          meeting.reload();
        } catch (err) {
          void message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });
  const attend = m.attendees.filter((a) => a.role === 'attend');
  const observe = m.attendees.filter((a) => a.role === 'observe');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="sv-meeting">
      <Card title={<span style={{ whiteSpace: 'normal' }}>{m.name}</span>}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag>{m.typeName}</Tag>
          {m.minutes ? <Tag color="success">纪要已印发</Tag> : <Tag>纪要未印发</Tag>}
          {m.minutes && m.whole && (
            <a href={minutesHref(m.id)} download data-testid="minutes-download">
              <Button size="small">下载纪要 {m.minutes.number}</Button>
            </a>
          )}
          {m.mayEdit && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="meeting-edit">
              修改会议信息
            </Button>
          )}
          {m.mayIssue && (
            <Button size="small" type="primary" onClick={issue} data-testid="meeting-issue">
              印发会议纪要
            </Button>
          )}
        </Space>
        {!m.whole && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="这里只显示您有权查看的督办事项所来自的议定事项（会议纪要摘录）；参会人员、议题和纪要全文由召集单位和参会单位查看。"
          />
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="会议日期">
            {m.heldOn}
            {m.startTime ? ` ${m.startTime}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="会议地点">{m.place}</Descriptions.Item>
          <Descriptions.Item label="召集单位">{m.convenerName}</Descriptions.Item>
          <Descriptions.Item label="主持人">{m.hostName}</Descriptions.Item>
          <Descriptions.Item label="记录人">{m.recorderName}</Descriptions.Item>
          {m.minutes && (
            <Descriptions.Item label="会议纪要">
              {m.minutes.number}（{m.minutes.issuedOn} 印发，{m.minutes.issuedBy}）
            </Descriptions.Item>
          )}
          {m.backdateReason && <Descriptions.Item label="补录说明">{m.backdateReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {m.whole && (
        <Card size="small" title="参会人员">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="出席">{attend.map((a) => a.name).join('、') || '无'}</Descriptions.Item>
            {observe.length > 0 && <Descriptions.Item label="列席">{observe.map((a) => a.name).join('、')}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}

      {m.whole && (
        <Card size="small" title="议题">
          <List
            size="small"
            dataSource={m.topics}
            renderItem={(t) => (
              <List.Item>
                <Space orientation="vertical" size={2}>
                  <Typography.Text strong>
                    {t.seq}. {t.title}
                  </Typography.Text>
                  {t.summary && <Typography.Text type="secondary">{t.summary}</Typography.Text>}
                  {t.item && (
                    <Space size={6} wrap>
                      <Tag>{t.item.moduleName}</Tag>
                      <Link to={t.item.href}>
                        {t.item.refNo} {t.item.title}
                      </Link>
                      <Tag color="blue">{t.item.stateName}</Tag>
                    </Space>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card
        size="small"
        title="议定事项"
        id="decisions"
        extra={
          m.mayEdit && (
            <Button size="small" onClick={() => setAdding(true)} data-testid="meeting-add-decision">
              增加议定事项
            </Button>
          )
        }
      >
        {m.decisions.length === 0 && <Typography.Text type="secondary">暂无议定事项</Typography.Text>}
        {m.decisions.map((d) => (
          <Card
            key={d.id}
            size="small"
            type="inner"
            style={{ marginBottom: 12 }}
            title={
              <Space wrap>
                <span>议定事项 {d.seq}</span>
                {d.withdrawn && <Tag color="default">已撤销</Tag>}
              </Space>
            }
            extra={
              m.mayEdit &&
              !d.withdrawn && (
                <Button size="small" danger onClick={() => setWithdrawing(d)}>
                  撤销
                </Button>
              )
            }
            data-testid="meeting-decision"
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} delete={!!d.withdrawn}>
              {d.content}
            </Typography.Paragraph>
            {d.withdrawn && (
              <Typography.Paragraph type="secondary">
                {d.withdrawn.on} 由{d.withdrawn.by}撤销：{d.withdrawn.reason}
              </Typography.Paragraph>
            )}
            {d.tasks.length > 0 && (
              <Table<Task>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.tasks}
                scroll={{ x: 640 }}
                columns={[
                  { title: '承办单位', dataIndex: 'unitName', width: 160 },
                  { title: '责任领导', dataIndex: 'leaderName', width: 100, render: (v: string | null) => v ?? '—' },
                  { title: '完成时限', dataIndex: 'dueDate', width: 110 },
                  {
                    title: '办理情况',
                    dataIndex: 'statusName',
                    width: 130,
                    render: (v: string, t) => (
                      <Tag color={t.overdue ? 'error' : v === '已销号' ? 'success' : 'processing'}>{t.href ? <Link to={t.href}>{v}</Link> : v}</Tag>
                    ),
                  },
                  { title: '督办事项', dataIndex: 'refNo', render: (v: string, t) => (t.href ? <Link to={t.href}>{v}</Link> : v) },
                  ...(m.mayEdit && !d.withdrawn
                    ? [
                        {
                          title: '操作',
                          key: 'op',
                          width: 80,
                          render: (_: unknown, t: Task) =>
                            t.mayWithdraw ? (
                              <Button size="small" type="link" danger onClick={() => setWithdrawingTask({ decision: d, task: t })} data-testid="task-withdraw">
                                撤销
                              </Button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
        ))}
      </Card>

      {m.whole && <MeetingHistoryCard meetingId={m.id} key={`history-${version}`} />}

      <Modal
        open={!!withdrawing}
        title={`撤销议定事项 ${withdrawing?.seq ?? ''}`}
        okText="撤销"
        okButtonProps={{ danger: true, loading: busy }}
        cancelText="取消"
        onCancel={() => setWithdrawing(null)}
        onOk={async () => {
          const v = await withdrawForm.validateFields().catch(() => null);
          if (!v || !withdrawing) return;
          await run(
            () => meetingsApi.withdraw(id, withdrawing.id, v.reason.trim()),
            '已撤销',
            () => {
              setWithdrawing(null);
              withdrawForm.resetFields();
            },
          );
        }}
      >
        <Typography.Paragraph type="secondary">
          该议定事项交办的督办事项（包括已签收、已反馈的）一并撤销，办理即告终止、不再计时和督办，撤销理由记入各督办事项的办理记录；已核查销号的督办事项不能撤销，有这种情况时请逐项撤销其余督办事项。
        </Typography.Paragraph>
        <Form form={withdrawForm} layout="vertical">
          <Form.Item name="reason" label="撤销理由" rules={[{ required: true, min: 2, message: '请说明撤销理由（至少 2 个字）' }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
        {formError && withdrawing && <Alert type="error" showIcon message={formError} />}
      </Modal>

      <Modal
        open={!!withdrawingTask}
        title={withdrawingTask ? `撤销督办事项 ${withdrawingTask.task.refNo}` : ''}
        okText="撤销"
        okButtonProps={{ danger: true, loading: busy }}
        cancelText="取消"
        onCancel={() => setWithdrawingTask(null)}
        onOk={async () => {
          const v = await withdrawForm.validateFields().catch(() => null);
          if (!v || !withdrawingTask) return;
          await run(
            () => meetingsApi.withdrawTask(id, withdrawingTask.decision.id, withdrawingTask.task.id, v.reason.trim()),
            '已撤销督办事项',
            () => {
              setWithdrawingTask(null);
              withdrawForm.resetFields();
            },
          );
        }}
      >
        {withdrawingTask && (
          <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="承办单位">{withdrawingTask.task.unitName}</Descriptions.Item>
            <Descriptions.Item label="办理情况">{withdrawingTask.task.statusName}</Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary">
          撤销后，这项督办事项以“已撤销”办结：承办单位不再办理，不再计时、提醒和督办；承办单位已签收、反馈的记录保留，撤销理由记入其办理记录和本会议的修改记录。议定事项本身和交给其他单位的督办事项不受影响。
        </Typography.Paragraph>
        <Form form={withdrawForm} layout="vertical">
          <Form.Item name="reason" label="撤销理由" rules={[{ required: true, min: 2, message: '请说明撤销理由（至少 2 个字）' }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
        {formError && withdrawingTask && <Alert type="error" showIcon message={formError} />}
      </Modal>

      <MeetingEditModal
        meeting={m}
        options={options.data ?? undefined}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void message.success('会议信息已修改');
          meeting.reload();
          setVersion((v) => v + 1);
        }}
      />

      <Modal
        open={adding}
        title="增加议定事项"
        okText="保存"
        okButtonProps={{ loading: busy }}
        cancelText="取消"
        width={760}
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await addForm.validateFields().catch(() => null);
          if (!v) return;
          await run(
            () =>
              meetingsApi.addDecision(id, {
                content: v.content,
                reason: v.reason?.trim() || undefined,
                tasks: (v.tasks ?? []).map((t) => ({ unitId: t.unitId, dueDate: t.dueDate.format('YYYY-MM-DD'), leaderId: t.leaderId || undefined })),
              }),
            '已增加议定事项',
            () => {
              setAdding(false);
              addForm.resetFields();
            },
          );
        }}
      >
        <Form form={addForm} layout="vertical">
          <Form.Item name="content" label="内容" rules={[{ required: true, message: '请填写议定事项内容' }]}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <DecisionTasks name="tasks" options={options.data ?? undefined} />
          {m.minutes && (
            <Form.Item
              name="reason"
              label="补充理由（纪要已印发）"
              rules={[{ required: true, min: 2, message: '纪要已印发，请说明理由' }]}
              style={{ marginTop: 12 }}
            >
              <Input maxLength={500} />
            </Form.Item>
          )}
        </Form>
        {formError && adding && <Alert type="error" showIcon message={formError} />}
      </Modal>
    </Space>
  );
}

const shanghaiTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 修改记录: who recorded, changed (what, from what to what, and why), added or withdrew what, and when the 纪要 went out. */
function MeetingHistoryCard({ meetingId }: { meetingId: number }) {
  const h = useAsync(() => meetingsApi.history(meetingId), [meetingId]);
  return (
    <Card size="small" title="修改记录" loading={h.loading && !h.data} data-testid="meeting-history">
      {h.error && <Alert type="error" showIcon message={h.error instanceof Error ? h.error.message : String(h.error)} />}
      <Timeline
        items={(h.data?.items ?? []).map((e) => ({
          children: (
            <>
              <Typography.Text strong>{e.label}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {shanghaiTime(e.at)} {e.actorName}
              </Typography.Text>
              {e.reason && <div>理由：{e.reason}</div>}
              {e.lines.map((l, i) => (
                <div key={i} style={{ color: 'rgba(0,0,0,0.65)', wordBreak: 'break-all' }}>
                  {l}
                </div>
              ))}
            </>
          ),
        }))}
      />
    </Card>
  );
}

/** A 督办事项's source link names the decision: open its meeting. */
export function MeetingDecisionRedirect() {
  const id = Number(useParams().decisionId);
  const r = useAsync(() => meetingsApi.decisionMeeting(id), [id]);
  if (r.error) return <Alert type="error" showIcon message={r.error instanceof Error ? r.error.message : String(r.error)} />;
  if (!r.data) return <Card loading />;
  return <Navigate to={`/supervision/meetings/${r.data.meetingId}#decisions`} replace />;
}
