import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, FileWordOutlined, FileExcelOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { LeaderPicker, UnitPicker } from '../../petitions/Pickers.tsx';
import { itemLinksApi } from '../../../components/item-links/itemLinksApi.ts';
import { ACTION_STATUS_COLORS } from './ActionListPage.tsx';
import { actionsApi, briefingHref, itemsExportHref, type ActionDetail, type ActionItem, type ActionStatusCode, type Briefing } from './actionsApi.ts';
import { ImportItemsModal } from './ImportItemsModal.tsx';

const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));
const pre = { whiteSpace: 'pre-wrap' as const, margin: 0 };

/** Where a row stands, in the order the page lists them. */
const STATUSES: { code: ActionItem['status']; name: string; color: string }[] = [
  { code: 'late', name: '逾期未反馈', color: 'red' },
  { code: 'notStarted', name: '未签收', color: 'default' },
  { code: 'inProgress', name: '办理中', color: 'processing' },
  { code: 'reported', name: '已反馈待核查', color: 'warning' },
  { code: 'done', name: '已销号', color: 'success' },
];

interface ItemValues {
  items: { title: string; detail?: string; unitId: number; leaderId: number; dueDate: Dayjs; standard: string; linkedRefNo?: string; linkedModule?: string }[];
}

/** 列入问题清单: several rows at once, all or nothing; each names its unit, 包案领导, 时限 and 销号标准. */
function ItemsModal({ a, onClose, onSaved }: { a: ActionDetail; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<ItemValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kinds = useAsync(() => itemLinksApi.kinds(), []);
  const save = async (v: ItemValues) => {
    setSaving(true);
    setError(null);
    try {
      await actionsApi.addItems(a.id, {
        items: v.items.map((i) => ({
          ...i,
          detail: i.detail || undefined,
          linkedRefNo: i.linkedRefNo || undefined,
          linkedModule: (i.linkedRefNo && i.linkedModule) || undefined,
          dueDate: i.dueDate.format('YYYY-MM-DD'),
        })),
      });
      onSaved();
    } catch (err) {
      setError(message(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="列入问题清单" onCancel={onClose} onOk={() => form.submit()} okText="列入并交办" confirmLoading={saving} width={900} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        每个问题交办给责任单位并明确包案领导，成为督办事项，由牵头单位核查销号。多个问题一起保存，有一项有误则都不列入。
      </Typography.Paragraph>
      <Form<ItemValues> form={form} layout="vertical" onFinish={save} initialValues={{ items: [{}] }}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`问题 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该问题" />}
                >
                  <Form.Item name={[f.name, 'title']} label="问题" rules={[{ required: true, message: '请填写问题' }]}>
                    <Input maxLength={200} placeholder="如：张某某反映征地补偿问题（2019年起重复信访）" />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[f.name, 'unitId']} label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
                        <UnitPicker />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[f.name, 'leaderId']} label="包案领导" rules={[{ required: true, message: '请选择包案领导' }]}>
                        <LeaderPicker />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'dueDate']} label="化解（整改）时限" rules={[{ required: true, message: '请选择时限' }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={16}>
                      <Form.Item name={[f.name, 'standard']} label="销号标准" rules={[{ required: true, message: '请填写销号标准' }]}>
                        <Input maxLength={500} placeholder="如：当事人签订息诉罢访协议，或依法终结" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[f.name, 'detail']} label="具体情况">
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[f.name, 'linkedRefNo']} label="关联已有事项（可选，填写编号，如积案的信访件编号）">
                        <Input maxLength={40} placeholder="如 XF-519901-2026-000123" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[f.name, 'linkedModule']}
                        label="该事项的类型"
                        extra="编号带类型字母（如 XF、JF）时不必选择；不带字母的旧编号提示重复时再选"
                      >
                        <Select allowClear placeholder="不限" options={(kinds.data?.modules ?? []).map((m) => ({ value: m.kind, label: m.name }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                再加一个问题
              </Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}

interface DispatchValues {
  dispatchedOn: Dayjs;
  form: 'meeting' | 'written' | 'onsite';
  reported: string;
  problems?: string;
  nextSteps?: string;
  backdateReason?: string;
}

/** 登记调度 on its date (补录 of an earlier one with its reason); the list's figures of that day are taken by the server. */
function DispatchModal({ a, initialDate, onClose, onSaved }: { a: ActionDetail; initialDate: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<DispatchValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (v: DispatchValues) => {
    setSaving(true);
    setError(null);
    try {
      await actionsApi.dispatch(a.id, {
        dispatchedOn: v.dispatchedOn.format('YYYY-MM-DD'),
        form: v.form,
        reported: v.reported,
        problems: v.problems || undefined,
        nextSteps: v.nextSteps || undefined,
        backdateReason: v.backdateReason || undefined,
      });
      onSaved();
    } catch (err) {
      setError(message(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="登记调度" onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={saving} width={720} destroyOnHidden>
      <Form<DispatchValues> form={form} layout="vertical" onFinish={save} initialValues={{ dispatchedOn: dayjs(initialDate), form: 'meeting' }}>
        <Space wrap align="start">
          <Form.Item name="dispatchedOn" label="调度日期（事后补录填写实际日期）" rules={[{ required: true, message: '请选择调度日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="form" label="调度形式" rules={[{ required: true, message: '请选择调度形式' }]}>
            <Radio.Group
              options={[
                { value: 'meeting', label: '调度会' },
                { value: 'written', label: '书面调度' },
                { value: 'onsite', label: '现场调度' },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="backdateReason" label="补录说明（补录较早的调度时填写）">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="reported" label="调度情况（各单位汇报的进展）" rules={[{ required: true, message: '请填写调度情况' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="problems" label="存在问题">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="nextSteps" label="下步工作安排">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Typography.Text type="secondary">问题总数、已销号、超期未销号按调度日期当天的问题清单自动计算。</Typography.Text>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}

interface Tally {
  key: string;
  name: string;
  unitId?: number;
  leaderId?: number;
  total: number;
  done: number;
  late: number;
}
function tally(items: readonly ActionItem[], by: 'unit' | 'leader'): Tally[] {
  const out = new Map<string, Tally>();
  for (const i of items) {
    const key = by === 'unit' ? `u${i.unitId}` : `l${i.leaderId ?? 0}`;
    const t = out.get(key) ?? {
      key,
      name: by === 'unit' ? i.unitName : (i.leaderName ?? '未明确'),
      ...(by === 'unit' ? { unitId: i.unitId } : { leaderId: i.leaderId ?? undefined }),
      total: 0,
      done: 0,
      late: 0,
    };
    t.total++;
    if (i.status === 'done') t.done++;
    if (i.status === 'late') t.late++;
    out.set(key, t);
  }
  return [...out.values()].sort((a, b) => b.late - a.late || b.total - a.total);
}

/** 专项行动: plan, 领导小组, progress at a glance (every number opens its rows), the 问题清单, 调度 and 未调度. */
export function ActionPage() {
  const id = Number(useParams().id);
  const { data: a, loading, error, reload } = useAsync(() => actionsApi.get(id), [id]);
  const [params, setParams] = useSearchParams();
  const [modal, setModal] = useState<'items' | 'import' | 'dispatch' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [briefing, setBriefing] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [dispatchDate, setDispatchDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [statusError, setStatusError] = useState<string | null>(null);
  const status = params.get('status');
  const unitId = Number(params.get('unitId')) || null;
  const leaderId = Number(params.get('leaderId')) || null;
  const shown = useMemo(
    () => (a?.items ?? []).filter((i) => (!status || i.status === status) && (!unitId || i.unitId === unitId) && (!leaderId || i.leaderId === leaderId)),
    [a, status, unitId, leaderId],
  );
  if (error) return <Alert type="error" showIcon message={error.status === 404 ? '没有找到这项专项行动，或本单位没有涉及它的问题' : error.message} />;
  if (!a) return <Card loading={loading} />;

  const filter = (f: { status?: string; unitId?: number; leaderId?: number }) => {
    const p = new URLSearchParams();
    if (f.status) p.set('status', f.status);
    if (f.unitId) p.set('unitId', String(f.unitId));
    if (f.leaderId) p.set('leaderId', String(f.leaderId));
    setParams(p, { replace: true });
    document.getElementById('items')?.scrollIntoView({ behavior: 'smooth' });
  };
  const count = (s?: string) => a.items.filter((i) => !s || i.status === s).length;
  const filterName = [
    status && STATUSES.find((s) => s.code === status)?.name,
    unitId && a.items.find((i) => i.unitId === unitId)?.unitName,
    leaderId && `包案领导 ${a.items.find((i) => i.leaderId === leaderId)?.leaderName ?? ''}`,
  ]
    .filter(Boolean)
    .join('，');
  const move = async (to: string) => {
    setStatusError(null);
    try {
      await actionsApi.setStatus(a.id, to as ActionStatusCode);
      reload();
    } catch (err) {
      setStatusError(message(err));
    }
  };
  const issueBriefing = async () => {
    setBriefing({ busy: true, error: null });
    try {
      const r = await actionsApi.issueBriefing(a.id);
      setBriefing({ busy: false, error: null });
      setNotice(`已印发工作简报第${r.issueNo}期`);
      reload();
    } catch (err) {
      setBriefing({ busy: false, error: message(err) });
    }
  };
  const missing = a.slots.filter((s) => s.state === 'missing');
  const pending = a.slots.find((s) => s.state === 'pending');
  const tallyColumns = (by: 'unit' | 'leader') => [
    { title: by === 'unit' ? '责任单位' : '包案领导', dataIndex: 'name' },
    ...(['total', 'done', 'late'] as const).map((k) => ({
      title: { total: '问题', done: '已销号', late: '逾期' }[k],
      dataIndex: k,
      width: 70,
      align: 'right' as const,
      render: (v: number, r: Tally) => (
        <a
          onClick={() => filter({ status: k === 'total' ? undefined : k, unitId: r.unitId, leaderId: r.leaderId })}
          style={k === 'late' && v ? { color: '#cf1322' } : undefined}
        >
          {v}
        </a>
      ),
    })),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="sv-action-page">
      <Card
        title={
          <Space wrap>
            <span style={{ whiteSpace: 'normal' }}>{a.name}</span>
            <Tag color={ACTION_STATUS_COLORS[a.status]}>{a.statusName}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {a.nextStatuses.map((s) => (
              <Button key={s.code} onClick={() => void move(s.code)} data-testid={`action-status-${s.code}`}>
                {s.code === 'running' && a.status === 'preparing' ? '启动实施' : `转入“${s.name}”`}
              </Button>
            ))}
          </Space>
        }
      >
        {statusError && <Alert type="error" showIcon message={statusError} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label="类别">{a.categoryName}</Descriptions.Item>
          <Descriptions.Item label="行动期间">
            {a.periodFrom} 至 {a.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="牵头单位">{a.leadUnitName}</Descriptions.Item>
          <Descriptions.Item label="调度频次">{a.rhythmName}</Descriptions.Item>
        </Descriptions>
        {!a.whole && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            message="这里只列出交办本单位（含下属单位）或由您包案的问题；请在“交办事项”中签收办理、反馈情况。"
          />
        )}
      </Card>

      <Card title="进度一览" size="small">
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8} md={4}>
            <a onClick={() => filter({})}>
              <Statistic title="问题总数" value={count()} />
            </a>
          </Col>
          {STATUSES.map((s) => (
            <Col xs={12} sm={8} md={4} key={s.code}>
              <a onClick={() => filter({ status: s.code })} data-testid={`action-count-${s.code}`}>
                <Statistic title={s.name} value={count(s.code)} valueStyle={s.code === 'late' && count(s.code) ? { color: '#cf1322' } : undefined} />
              </a>
            </Col>
          ))}
        </Row>
        {a.items.length > 0 && (
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Table<Tally> size="small" rowKey="key" pagination={false} dataSource={tally(a.items, 'unit')} columns={tallyColumns('unit')} />
            </Col>
            <Col xs={24} lg={12}>
              <Table<Tally> size="small" rowKey="key" pagination={false} dataSource={tally(a.items, 'leader')} columns={tallyColumns('leader')} />
            </Col>
          </Row>
        )}
      </Card>

      <Card
        id="items"
        title="问题清单"
        size="small"
        extra={
          <Space wrap>
            {a.mayManage && a.status !== 'ended' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('items')} data-testid="action-add-items">
                列入问题
              </Button>
            )}
            {a.mayManage && a.status !== 'ended' && (
              <Button icon={<FileExcelOutlined />} onClick={() => setModal('import')} data-testid="action-import-items">
                从Excel导入
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={itemsExportHref(a.id)}>
              导出Excel
            </Button>
          </Space>
        }
      >
        {notice && <Alert type="success" showIcon closable message={notice} onClose={() => setNotice(null)} style={{ marginBottom: 8 }} />}
        {filterName && (
          <Tag closable onClose={() => filter({})} style={{ marginBottom: 8 }}>
            只看：{filterName}（{shown.length} 项）
          </Tag>
        )}
        <Table<ActionItem>
          size="small"
          rowKey="id"
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: a.items.length ? '没有符合条件的问题' : '还没有列入问题' }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            { title: '问题', dataIndex: 'title', render: (v: string, r) => <Link to={r.taskHref}>{v}</Link> },
            { title: '责任单位', dataIndex: 'unitName', width: 130 },
            { title: '包案领导', dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
            { title: '时限', dataIndex: 'dueDate', width: 110 },
            { title: '销号标准', dataIndex: 'standard', width: 200 },
            {
              title: '状态',
              key: 'status',
              width: 130,
              render: (_: unknown, r) => (
                <Tag color={STATUSES.find((s) => s.code === r.status)?.color}>
                  {r.statusName}
                  {r.overdueDays > 0 ? ` ${r.overdueDays}天` : ''}
                </Tag>
              ),
            },
            {
              title: '关联事项',
              key: 'linked',
              width: 220,
              render: (_: unknown, r) =>
                r.linked ? (
                  <span>
                    <Link to={r.linked.href}>
                      {r.linked.moduleName} {r.linked.refNo}
                    </Link>
                    <br />
                    <Typography.Text type="secondary">{r.linked.stateName}</Typography.Text>
                  </span>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>

      <Card title="实施方案" size="small">
        <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="目标任务">
            <p style={pre}>{a.goals}</p>
          </Descriptions.Item>
          {a.measures && (
            <Descriptions.Item label="工作措施">
              <p style={pre}>{a.measures}</p>
            </Descriptions.Item>
          )}
          {a.steps && (
            <Descriptions.Item label="时间步骤">
              <p style={pre}>{a.steps}</p>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="领导小组">
            {a.members.map((m, i) => (
              <div key={i}>
                {m.roleName}：{m.name}
                {m.post ? `（${m.post}）` : ''}
              </div>
            ))}
          </Descriptions.Item>
          {a.groups.length > 0 && (
            <Descriptions.Item label="工作专班">
              {a.groups.map((g, i) => (
                <div key={i}>
                  {g.name}：{g.leadUnitName}牵头{g.members.length ? `，成员 ${g.members.join('、')}` : ''}
                </div>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {a.whole && (
        <Card
          title="调度"
          size="small"
          extra={
            a.mayManage &&
            a.status !== 'ended' &&
            a.status !== 'preparing' && (
              <Button
                onClick={() => {
                  setDispatchDate(dayjs().format('YYYY-MM-DD'));
                  setModal('dispatch');
                }}
                data-testid="action-dispatch"
              >
                登记调度
              </Button>
            )
          }
        >
          {a.status === 'preparing' ? (
            <Typography.Text type="secondary">行动尚在筹备，启动实施后按“{a.rhythmName}”登记调度。</Typography.Text>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <div data-testid="action-missing">
                {missing.length === 0 ? (
                  <Typography.Text type="success">各期均已调度</Typography.Text>
                ) : (
                  <Space wrap>
                    <Typography.Text type="danger">未调度 {missing.length} 期：</Typography.Text>
                    {missing.map((s) => (
                      <Tag
                        key={s.from}
                        color="red"
                        style={a.mayManage ? { cursor: 'pointer' } : undefined}
                        onClick={() => {
                          if (!a.mayManage) return;
                          setDispatchDate(s.to);
                          setModal('dispatch');
                        }}
                      >
                        {s.label}
                      </Tag>
                    ))}
                  </Space>
                )}
                {pending && (
                  <div>
                    <Typography.Text type="warning">本期（{pending.label}）尚未调度</Typography.Text>
                  </div>
                )}
              </div>
              {a.dispatches.length === 0 ? (
                <Empty description="还没有调度记录" />
              ) : (
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={a.dispatches}
                  pagination={a.dispatches.length > 10 ? { pageSize: 10 } : false}
                  scroll={{ x: 900 }}
                  columns={[
                    {
                      title: '日期',
                      dataIndex: 'dispatchedOn',
                      width: 110,
                      render: (v: string, r) => (
                        <span>
                          {v}
                          {r.backdateReason && <Tag style={{ marginLeft: 4 }}>补录</Tag>}
                        </span>
                      ),
                    },
                    { title: '形式', dataIndex: 'formName', width: 90 },
                    {
                      title: '当日进度',
                      key: 'figures',
                      width: 170,
                      render: (_: unknown, r) => `共 ${r.total} 项，已销号 ${r.closed}，超期 ${r.overdue}`,
                    },
                    {
                      title: '调度情况',
                      key: 'text',
                      render: (_: unknown, r) => (
                        <div>
                          <p style={pre}>{r.reported}</p>
                          {r.problems && <p style={pre}>存在问题：{r.problems}</p>}
                          {r.nextSteps && <p style={pre}>下步安排：{r.nextSteps}</p>}
                          {r.backdateReason && <Typography.Text type="secondary">补录说明：{r.backdateReason}</Typography.Text>}
                        </div>
                      ),
                    },
                    { title: '登记人', dataIndex: 'recordedBy', width: 90 },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      )}

      {a.whole && (
        <Card
          title="工作简报"
          size="small"
          extra={
            a.mayManage &&
            a.status !== 'preparing' && (
              <Button icon={<FileWordOutlined />} loading={briefing.busy} onClick={() => void issueBriefing()} data-testid="action-issue-briefing">
                印发第{(a.briefings[0]?.issueNo ?? 0) + 1}期简报
              </Button>
            )
          }
        >
          {briefing.error && <Alert type="error" showIcon message={briefing.error} style={{ marginBottom: 8 }} />}
          <Typography.Paragraph type="secondary">
            简报由督查室署名，载明截至印发当日的问题清单进展（总数、已销号、逾期未反馈，分责任单位）、最近一次调度情况和未调度时段；印发后保存原件，可随时下载。
          </Typography.Paragraph>
          {a.briefings.length === 0 ? (
            <Empty description="还没有印发简报" />
          ) : (
            <Table<Briefing>
              size="small"
              rowKey="id"
              dataSource={a.briefings}
              pagination={a.briefings.length > 10 ? { pageSize: 10 } : false}
              data-testid="action-briefings"
              columns={[
                { title: '期号', dataIndex: 'issueNo', width: 80, render: (v: number) => `第${v}期` },
                { title: '印发日期', dataIndex: 'issuedOn', width: 110 },
                { title: '印发单位', dataIndex: 'issuerName' },
                {
                  title: '当期进度',
                  key: 'figures',
                  render: (_: unknown, r) => `共 ${r.total} 个问题，已销号 ${r.closed}，逾期未反馈 ${r.overdue}`,
                },
                { title: '印发人', dataIndex: 'issuedBy', width: 90 },
                {
                  title: '',
                  key: 'file',
                  width: 90,
                  render: (_: unknown, r) => (
                    <a href={briefingHref(a.id, r.id)} data-testid={`briefing-download-${r.issueNo}`}>
                      下载
                    </a>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}

      {modal === 'import' && (
        <ImportItemsModal
          a={a}
          onClose={() => setModal(null)}
          onSaved={(n) => {
            setModal(null);
            setNotice(`已从 Excel 列入 ${n} 个问题`);
            reload();
          }}
        />
      )}
      {modal === 'items' && (
        <ItemsModal
          a={a}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            reload();
          }}
        />
      )}
      {modal === 'dispatch' && (
        <DispatchModal
          a={a}
          initialDate={dispatchDate}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}
