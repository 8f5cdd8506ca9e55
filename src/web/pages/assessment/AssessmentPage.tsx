import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useAuth } from '../../hooks/auth.tsx';
import { UnitPicker } from '../petitions/Pickers.tsx';
import { assessmentApi, noticeFileUrl, type PeriodDetail } from './assessmentApi.ts';
import { IndicatorsTab } from './IndicatorsTab.tsx';

const MANAGERS = ['dcb_staff', 'sys_admin'];
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 10000) / 100}%`);

interface Drill {
  indicatorId: number;
  unitId: number;
  part: 'numerator' | 'denominator';
}

/** 单位考核: results with ranking and drill-down, the 通报 with read receipts, the indicators, and 问责 records. */
export function AssessmentPage() {
  const { user } = useAuth();
  const manager = !!user?.roles.some((r) => MANAGERS.includes(r));
  const [params, setParams] = useSearchParams();
  return (
    <Card title="单位考核与问责">
      <Tabs
        activeKey={params.get('tab') ?? 'results'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'results', label: '考核结果', children: <Results manager={manager} /> },
          { key: 'indicators', label: '考核指标', children: <IndicatorsTab manager={manager} /> },
          { key: 'accountability', label: '问责记录', children: <Accountability manager={manager} /> },
        ]}
      />
    </Card>
  );
}

function useRun(reload: () => void) {
  return async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      void message.success(done);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
}

function Results({ manager }: { manager: boolean }) {
  const periods = useAsync(() => assessmentApi.periods(), []);
  const [picked, setPicked] = useState<number>();
  const rows = periods.data?.rows ?? [];
  const id = picked ?? rows[0]?.id;
  const current = rows.find((r) => r.id === id);
  const [creating, setCreating] = useState(false);
  const run = useRun(periods.reload);
  if (periods.error) return <Alert type="error" showIcon message={periods.error.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>考核期：</span>
        <Select
          style={{ minWidth: 220 }}
          value={id}
          onChange={setPicked}
          placeholder="尚无考核期"
          options={rows.map((r) => ({ value: r.id, label: `${r.label}（${r.stateName}）` }))}
        />
        {manager && <Button onClick={() => setCreating(true)}>新建考核期</Button>}
        {manager && current && !current.published && (
          <>
            <Button onClick={() => void run(() => assessmentApi.compute(current.id), '已按当前指标计算')}>计算</Button>
            <Button
              type="primary"
              disabled={!current.computedAt}
              onClick={() =>
                Modal.confirm({
                  title: `发布${current.label}考核结果？`,
                  content: '发布后数据固定，各单位可查看排名，不能再重新计算。',
                  okText: '发布',
                  cancelText: '取消',
                  onOk: () => run(() => assessmentApi.publish(current.id), '已发布'),
                })
              }
            >
              发布
            </Button>
          </>
        )}
        {manager && current?.published && current.noticeId === null && (
          <Button type="primary" onClick={() => void run(() => assessmentApi.issueNotice(current.id), '考核通报已印发')}>
            印发考核通报
          </Button>
        )}
      </Space>
      <NewPeriodModal open={creating} onClose={() => setCreating(false)} onDone={periods.reload} />
      {id !== undefined && <PeriodView key={`${id}-${current?.computedAt ?? ''}`} id={id} />}
      {current?.noticeId !== null && current?.noticeId !== undefined && <NoticeCard id={current.noticeId} manager={manager} />}
    </Space>
  );
}

function NewPeriodModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ kind: 'month' | 'quarter' | 'year'; month: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open={open}
      title="新建考核期"
      okText="新建"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const d = v.month;
        try {
          await assessmentApi.createPeriod({ kind: v.kind, year: d.year(), n: v.kind === 'month' ? d.month() + 1 : Math.floor(d.month() / 3) + 1 });
          onDone();
          onClose();
        } catch (err) {
          void message.error(err instanceof ApiError ? err.message : String(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'month', month: dayjs().subtract(1, 'month') }}>
        <Form.Item name="kind" label="考核周期">
          <Select
            options={[
              { value: 'month', label: '月度' },
              { value: 'quarter', label: '季度' },
              { value: 'year', label: '年度' },
            ]}
          />
        </Form.Item>
        <Form.Item name="month" label={kind === 'year' ? '年度' : kind === 'quarter' ? '季度' : '月份'} rules={[{ required: true, message: '请选择' }]}>
          <DatePicker picker={kind === 'year' ? 'year' : kind === 'quarter' ? 'quarter' : 'month'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PeriodView({ id }: { id: number }) {
  const { data: p, error } = useAsync(() => assessmentApi.period(id), [id]);
  const [drill, setDrill] = useState<Drill>();
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!p) return null;
  return (
    <>
      <Typography.Text type="secondary">
        {p.from} 至 {p.to}
        {p.asOf ? `，数据截至 ${p.asOf}` : '，尚未计算'}
        {p.published ? '；已发布，数据已固定' : '；未发布'}
      </Typography.Text>
      {p.groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <RankingTable key={g.group} p={p} group={g} onDrill={setDrill} />
        ))}
      {drill && (
        <DrillModal
          periodId={p.id}
          drill={drill}
          reports={p.indicators.some((i) => i.id === drill.indicatorId && i.kind === '报告及时率')}
          onClose={() => setDrill(undefined)}
        />
      )}
    </>
  );
}

function RankingTable({ p, group, onDrill }: { p: PeriodDetail; group: PeriodDetail['groups'][number]; onDrill: (d: Drill) => void }) {
  const inds = p.indicators.filter((i) => i.appliesTo === 'all' || i.appliesTo === group.group);
  type Row = PeriodDetail['groups'][number]['rows'][number];
  return (
    <Table<Row>
      size="small"
      rowKey="unitId"
      pagination={false}
      scroll={{ x: 'max-content' }}
      title={() => <b>{group.name}排名</b>}
      dataSource={group.rows}
      columns={[
        { title: '名次', dataIndex: 'rank', width: 60, fixed: 'left' },
        { title: '单位', dataIndex: 'unitName', width: 140, fixed: 'left' },
        { title: '总分', dataIndex: 'total', width: 80, render: (v: number) => <b>{v}</b> },
        ...inds.map((ind) => ({
          title: `${ind.name}（${ind.weight}分）`,
          key: String(ind.id),
          width: 170,
          render: (_: unknown, r: Row) => {
            const s = r.scores?.find((x) => x.indicatorId === ind.id);
            if (!r.scores) return <Typography.Text type="secondary">—</Typography.Text>;
            if (!s) return '不适用';
            return (
              <Space size={4} wrap>
                <b>{s.score}分</b>
                {s.numerator > 0 ? <a onClick={() => onDrill({ indicatorId: ind.id, unitId: r.unitId, part: 'numerator' })}>{s.numerator}</a> : 0}
                {s.denominator !== null && (
                  <>
                    /{s.denominator > 0 ? <a onClick={() => onDrill({ indicatorId: ind.id, unitId: r.unitId, part: 'denominator' })}>{s.denominator}</a> : 0}
                    <span>（{pct(s.value)}）</span>
                  </>
                )}
              </Space>
            );
          },
        })),
      ]}
    />
  );
}

function DrillModal({ periodId, drill, reports, onClose }: { periodId: number; drill: Drill; reports: boolean; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useAsync(() => assessmentApi.items(periodId, { ...drill, page, pageSize: 20 }), [periodId, drill, page]);
  if (reports)
    return (
      <Modal open width={900} footer={null} onCancel={onClose} title={data ? `${data.unitName} · ${data.indicatorName} · ${data.partName}` : '计入的报送期次'}>
        {error && <Alert type="error" showIcon message={error.message} />}
        <Table
          size="small"
          rowKey={(r) => `${r.defId}-${r.periodStart}-${r.unitId}`}
          loading={loading}
          dataSource={data?.slots ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
          columns={[
            { title: '报告名称', dataIndex: 'defName', ellipsis: true },
            { title: '期次', dataIndex: 'periodLabel', width: 200 },
            { title: '报送单位', dataIndex: 'unitName', width: 200, ellipsis: true },
            {
              title: '状态',
              dataIndex: 'statusName',
              width: 100,
              render: (v: string, r) => <Tag color={r.status === 'on_time' ? 'green' : r.status === 'late' ? 'orange' : 'red'}>{v}</Tag>,
            },
          ]}
        />
      </Modal>
    );
  return (
    <Modal
      open
      width={900}
      footer={null}
      onCancel={onClose}
      title={data ? `${data.unitName} · ${data.indicatorName} · ${data.partName}计入的事项` : '计入的事项'}
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      {data && data.hidden > 0 && <Alert type="info" showIcon message={`另有 ${data.hidden} 件不在您的查看范围内`} style={{ marginBottom: 8 }} />}
      {data && data.records.length > 0 && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          {data.records.map((r) => (
            <Descriptions.Item key={r.id} label={`${r.measureName}（${r.decidedOn}）`}>
              {r.text}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        columns={[
          { title: '编号', dataIndex: 'no', width: 160, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
          { title: '事项', dataIndex: 'title', ellipsis: true },
          { title: '日期', dataIndex: 'at', width: 110, render: (v: string) => v.slice(0, 10) },
          ...(data?.columns ?? []).map((c) => ({
            title: c.name,
            key: c.key,
            render: (_: unknown, r: { values: Record<string, string | number | null> }) => r.values[c.key] ?? '—',
          })),
        ]}
      />
    </Modal>
  );
}

function NoticeCard({ id, manager }: { id: number; manager: boolean }) {
  const n = useAsync(() => assessmentApi.notice(id), [id]);
  const run = useRun(n.reload);
  if (!n.data) return null;
  const d = n.data;
  return (
    <Card
      size="small"
      data-testid="assessment-notice"
      title={`考核通报 ${d.number}`}
      extra={
        <Space>
          <a href={noticeFileUrl(d.id)}>下载通报</a>
          {d.myUnit && !d.myUnit.readAt && (
            <Button type="primary" size="small" onClick={() => void run(() => assessmentApi.confirmRead(d.id), '已确认阅读')}>
              确认已阅
            </Button>
          )}
          {manager && d.readCount < d.unitCount && (
            <Button size="small" onClick={() => void run(() => assessmentApi.remind(d.id), '已提醒未阅单位')}>
              提醒未阅单位
            </Button>
          )}
        </Space>
      }
    >
      <p>{d.title}</p>
      {d.myUnit && (
        <p>本单位：{d.myUnit.readAt ? <Tag color="green">已阅 {dayjs(d.myUnit.readAt).format('YYYY-MM-DD HH:mm')}</Tag> : <Tag color="orange">未阅</Tag>}</p>
      )}
      {d.unitCount > 0 && (
        <>
          <p>
            已阅 {d.readCount} 个单位，未阅 {d.unitCount - d.readCount} 个单位
          </p>
          <Space wrap>
            {d.reads.map((r) => (
              <Tag
                key={r.unitId}
                color={r.readAt ? 'green' : 'orange'}
                title={r.readAt ? `${r.readerName ?? ''} ${dayjs(r.readAt).format('MM-DD HH:mm')}` : r.reminders ? `已提醒 ${r.reminders} 次` : '未阅'}
              >
                {r.unitName}
                {r.readAt ? ' 已阅' : ' 未阅'}
              </Tag>
            ))}
          </Space>
        </>
      )}
    </Card>
  );
}

function Accountability({ manager }: { manager: boolean }) {
  const [page, setPage] = useState(1);
  const [params, setParams] = useSearchParams();
  const record = Number(params.get('record')) || undefined;
  const list = useAsync(() => assessmentApi.accountability({ id: record, page, pageSize: 20 }), [page, record]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ measure: 'talk'; decidedOn: Dayjs; responsibleUnitId: number; refs: string; text: string }>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {manager && <Button onClick={() => setAdding(true)}>登记问责</Button>}
        {record !== undefined && (
          <>
            <Tag color="blue">仅显示从事项页面打开的这条问责记录</Tag>
            <a onClick={() => setParams({ tab: 'accountability' }, { replace: true })}>显示全部问责记录</a>
          </>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: 960 }}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
        expandable={{
          ...(record !== undefined ? { defaultExpandedRowKeys: [record] } : {}),
          expandedRowRender: (r) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="超期情况">{r.overdueText}</Descriptions.Item>
              <Descriptions.Item label="责任倒查">{r.chain.map((c) => `${dayjs(c.at).format('MM-DD HH:mm')} ${c.text}`).join('；')}</Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          { title: '日期', dataIndex: 'decidedOn', width: 110 },
          { title: '问责方式', dataIndex: 'measureName', width: 100, render: (v: string, r) => <Tag color={r.automatic ? 'orange' : 'red'}>{v}</Tag> },
          { title: '被问责单位', dataIndex: 'responsibleUnitName', width: 150 },
          { title: '事由', dataIndex: 'text', width: 280 },
          {
            title: '引起问责的事项',
            key: 'items',
            width: 260,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                {r.items.map((i) => (
                  <Link key={i.id} to={i.href}>
                    {i.refNo} {i.title}
                  </Link>
                ))}
                {r.hiddenItems > 0 && <Typography.Text type="secondary">另有 {r.hiddenItems} 件不在您的查看范围内</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title="登记问责决定"
        okText="登记"
        cancelText="取消"
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await assessmentApi.recordAccountability({
              measure: v.measure,
              decidedOn: v.decidedOn.format('YYYY-MM-DD'),
              responsibleUnitId: v.responsibleUnitId,
              itemIds: [],
              // 'XF 519901-…' is one number: the letters join the digits before the list splits on spaces
              itemRefs: v.refs
                .replace(/([A-Za-zＡ-Ｚａ-ｚ]{2,4})\s+(?=[0-9０-９])/g, '$1')
                .split(/[\s,，、]+/)
                .map((s) => s.trim())
                .filter(Boolean),
              text: v.text,
            });
            setAdding(false);
            form.resetFields();
            list.reload();
          } catch (err) {
            void message.error(err instanceof ApiError ? err.message : String(err));
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ measure: 'talk', decidedOn: dayjs() }}>
          <Form.Item name="measure" label="问责方式" rules={[{ required: true }]}>
            <Select options={(list.data?.measures ?? []).map((m) => ({ value: m.code, label: m.name }))} />
          </Form.Item>
          <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="responsibleUnitId" label="被问责单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitPicker />
          </Form.Item>
          <Form.Item name="refs" label="引起问责的事项编号（可填多个，用逗号或空格分隔）" rules={[{ required: true, message: '请填写事项编号' }]}>
            <Input placeholder="如 XF-519901-2026-000123，JF-519901-2026-000045" />
          </Form.Item>
          <Form.Item name="text" label="问责事由与决定" rules={[{ required: true, message: '请填写' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
