import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Calendar,
  Card,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { beijingMinute } from '../accidents/accidentsApi.ts';
import { dutyApi, type DutyUnit, type RosterDay } from './dutyApi.ts';

const KIND_COLORS: Record<string, string> = { workday: 'default', restday: 'blue', holiday: 'red' };

function DayCell({ d }: { d: RosterDay }) {
  return (
    <div style={{ fontSize: 12, lineHeight: 1.5 }} data-testid={`duty-${d.date}`}>
      {(d.dayName || d.dayKind !== 'workday') && <Tag color={KIND_COLORS[d.dayKind]}>{d.dayName ?? d.dayKindName}</Tag>}
      {d.periodName && <Tag color="purple">{d.periodName.slice(0, 6)}</Tag>}
      <div>带班：{d.leader ? d.leader.name : <Typography.Text type="danger">未安排</Typography.Text>}</div>
      <div>
        值班：
        {d.staff.length ? d.staff.map((s) => s.name).join('、') : <Typography.Text type="danger">未安排</Typography.Text>}
        {d.scheduled && d.staff.length < d.staffNeeded && <Typography.Text type="danger">（缺{d.staffNeeded - d.staff.length}人）</Typography.Text>}
      </div>
    </div>
  );
}

/** 值班表: the month as a calendar (a list on a phone), generated over the working-day calendar with its gaps named. */
function RosterTab({ unit }: { unit: DutyUnit | undefined }) {
  const [month, setMonth] = useState(() => dayjs());
  const key = month.format('YYYY-MM');
  const roster = useAsync(() => dutyApi.roster(key, unit?.id), [key, unit?.id]);
  const people = useAsync(() => dutyApi.people(unit?.id), [unit?.id]);
  // another unit's roster is read, never edited (the server refuses it too)
  const mayEdit = roster.data?.mayEdit ?? false;
  const screens = Grid.useBreakpoint();
  const [generating, setGenerating] = useState(false);
  const [editing, setEditing] = useState<RosterDay | null>(null);
  const [form] = Form.useForm();
  const [dayForm] = Form.useForm();
  const { message } = App.useApp();
  const showError = useApiError();
  const byDate = useMemo(() => new Map((roster.data?.days ?? []).map((d) => [d.date, d])), [roster.data]);
  const leaderOptions = (people.data?.leaders ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }));
  const staffOptions = (people.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }));

  const generate = async (v: { range: [Dayjs, Dayjs]; leaderIds: number[]; staffIds: number[]; phone?: string; overwrite: boolean }) => {
    try {
      const r = await dutyApi.generate({
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        leaderIds: v.leaderIds ?? [],
        staffIds: v.staffIds ?? [],
        phone: v.phone ?? '',
        overwrite: v.overwrite,
      });
      setGenerating(false);
      if (r.gaps.length) Modal.warning({ title: `已排 ${r.written} 天，仍有 ${r.gaps.length} 天未排满`, content: r.gaps.map((g) => g.text).join('；') });
      else void message.success(`已排 ${r.written} 天，保留已排 ${r.kept} 天，无空缺`);
      roster.reload();
    } catch (err) {
      showError(err, form);
    }
  };
  const saveDay = async (v: { leaderId?: number; staffIds: number[]; phone?: string }) => {
    if (!editing) return;
    try {
      await dutyApi.setDay(editing.date, { leaderId: v.leaderId ?? null, staffIds: v.staffIds ?? [], phone: v.phone ?? '' });
      setEditing(null);
      roster.reload();
    } catch (err) {
      showError(err, dayForm);
    }
  };

  const gaps = roster.data?.gaps ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} aria-label="月份" />
        {mayEdit && (
          <Button type="primary" onClick={() => setGenerating(true)} data-testid="duty-generate">
            生成值班表
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={`/api/v1/safety/duty/roster/export.xlsx?month=${key}${unit ? `&unitId=${unit.id}` : ''}`}>
          导出 Excel
        </Button>
      </Space>
      {roster.error && <Alert type="error" showIcon title={roster.error.message} />}
      {roster.data && !mayEdit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="duty-read-only"
          title={`正在查看${roster.data.unit.name}的值班表：只能查看，由该单位自行编排`}
        />
      )}
      {gaps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="duty-gaps"
          title={`本月有 ${gaps.length} 天未排满`}
          description={
            gaps
              .slice(0, 8)
              .map((g) => g.text)
              .join('；') + (gaps.length > 8 ? '……' : '')
          }
        />
      )}
      {screens.md ? (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            if (mayEdit && info.source === 'date' && byDate.get(d.format('YYYY-MM-DD'))) setEditing(byDate.get(d.format('YYYY-MM-DD'))!);
          }}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = byDate.get(d.format('YYYY-MM-DD'));
            return day ? <DayCell d={day} /> : null;
          }}
          headerRender={() => null}
        />
      ) : (
        <List
          dataSource={roster.data?.days ?? []}
          loading={roster.loading}
          renderItem={(d) => (
            <List.Item onClick={mayEdit ? () => setEditing(d) : undefined} style={{ cursor: mayEdit ? 'pointer' : 'default' }}>
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {d.date.slice(5)} {['日', '一', '二', '三', '四', '五', '六'][dayjs(d.date).day()]}
                </Typography.Text>
                <DayCell d={d} />
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal title="生成值班表" open={generating} onOk={() => form.submit()} onCancel={() => setGenerating(false)} okText="生成" destroyOnHidden>
        <Typography.Paragraph type="secondary">
          按工作日历区分工作日、休息日和法定节假日，带班领导和值班人员依次轮换；休息日、节假日和敏感时期每日值班人数多于工作日。已排的日期默认保留。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void generate(v)}
          initialValues={{ range: [month.startOf('month'), month.endOf('month')], overwrite: false }}
          preserve={false}
        >
          <Form.Item name="range" label="日期范围" rules={[{ required: true, message: '请选择日期范围' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="leaderIds" label="带班领导（依次轮换）" rules={[{ required: true, message: '请选择带班领导' }]}>
            <Select mode="multiple" options={leaderOptions} optionFilterProp="label" placeholder="选择县领导" />
          </Form.Item>
          <Form.Item name="staffIds" label="值班人员（依次轮换）" rules={[{ required: true, message: '请选择值班人员' }]}>
            <Select mode="multiple" options={staffOptions} optionFilterProp="label" placeholder="选择本单位工作人员" />
          </Form.Item>
          <Form.Item name="phone" label="值班电话">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="overwrite" label="已排日期">
            <Radio.Group
              options={[
                { value: false, label: '保留' },
                { value: true, label: '重新排' },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={editing ? `调整 ${editing.date} 值班` : ''}
        open={!!editing}
        onOk={() => dayForm.submit()}
        onCancel={() => setEditing(null)}
        okText="保存"
        destroyOnHidden
      >
        {editing && (
          <Form
            form={dayForm}
            layout="vertical"
            preserve={false}
            onFinish={(v) => void saveDay(v)}
            initialValues={{ leaderId: editing.leader?.id, staffIds: editing.staff.map((s) => s.id), phone: editing.phone }}
          >
            <Form.Item name="leaderId" label="带班领导">
              <Select options={leaderOptions} allowClear optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="staffIds" label={`值班人员（应排 ${editing.staffNeeded} 人）`}>
              <Select mode="multiple" options={staffOptions} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="phone" label="值班电话">
              <Input maxLength={40} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}

/** 交接班记录 and 在岗抽查 of a month, with their forms. */
function LogsTab({ kind, unit }: { kind: 'handovers' | 'checks'; unit: DutyUnit | undefined }) {
  const [month, setMonth] = useState(() => dayjs());
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const handovers = useAsync(() => (kind === 'handovers' ? dutyApi.handovers(from, to, unit?.id) : Promise.resolve({ items: [] })), [kind, from, to, unit?.id]);
  const checks = useAsync(() => (kind === 'checks' ? dutyApi.checks(from, to, unit?.id) : Promise.resolve({ items: [] })), [kind, from, to, unit?.id]);
  const people = useAsync(() => dutyApi.people(unit?.id), [unit?.id]);
  // handovers are the unit's own record; a 在岗抽查 the unit or the county's 应急管理局/安委办 records
  const mayAdd = kind === 'handovers' ? (unit?.mayEdit ?? false) : (unit?.mayCheck ?? false);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const showError = useApiError();
  const staffOptions = (people.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }));

  const save = async (v: Record<string, unknown>) => {
    try {
      if (kind === 'handovers')
        await dutyApi.addHandover({
          unitId: unit?.id,
          dutyDate: (v.dutyDate as Dayjs).format('YYYY-MM-DD'),
          handedAt: (v.handedAt as Dayjs).format(),
          fromUserId: v.fromUserId as number,
          toUserId: v.toUserId as number,
          summary: v.summary as string,
          pending: (v.pending as string | undefined) ?? '',
        });
      else
        await dutyApi.addCheck({
          unitId: unit?.id,
          checkedAt: (v.checkedAt as Dayjs).format(),
          checkedUserId: v.checkedUserId as number,
          method: v.method as 'phone',
          result: v.result as 'on_post',
          note: (v.note as string | undefined) ?? '',
        });
      setAdding(false);
      handovers.reload();
      checks.reload();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} aria-label="月份" />
        {mayAdd && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid={`duty-add-${kind}`}>
            {kind === 'handovers' ? '登记交接班' : '登记抽查'}
          </Button>
        )}
      </Space>
      {kind === 'handovers' ? (
        <Table
          rowKey="id"
          loading={handovers.loading}
          dataSource={handovers.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: '本月暂无交接班记录' }}
          columns={[
            { title: '值班日期', dataIndex: 'dutyDate', width: 110 },
            { title: '交接时间', dataIndex: 'handedAt', width: 150, render: (v: string) => beijingMinute(v) },
            { title: '交班人', dataIndex: 'fromName', width: 90 },
            { title: '接班人', dataIndex: 'toName', width: 90 },
            { title: '值班情况', dataIndex: 'summary', width: 300 },
            { title: '待办事项', dataIndex: 'pending', width: 220 },
          ]}
        />
      ) : (
        <Table
          rowKey="id"
          loading={checks.loading}
          dataSource={checks.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: '本月暂无抽查记录' }}
          columns={[
            { title: '抽查时间', dataIndex: 'checkedAt', width: 150, render: (v: string) => beijingMinute(v) },
            { title: '抽查人', dataIndex: 'checkerName', width: 90 },
            { title: '被抽查人', dataIndex: 'checkedName', width: 90 },
            { title: '方式', dataIndex: 'methodName', width: 90 },
            { title: '结果', dataIndex: 'resultName', width: 80, render: (v: string, r) => <Tag color={r.result === 'absent' ? 'red' : 'green'}>{v}</Tag> },
            { title: '情况说明', dataIndex: 'note', width: 300 },
          ]}
        />
      )}
      <Modal
        title={kind === 'handovers' ? '登记交接班' : '登记在岗抽查'}
        open={adding}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        okText="保存"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => void save(v)}
          initialValues={
            kind === 'handovers' ? { dutyDate: dayjs().subtract(1, 'day'), handedAt: dayjs() } : { checkedAt: dayjs(), method: 'phone', result: 'on_post' }
          }
        >
          {kind === 'handovers' ? (
            <>
              <Form.Item name="dutyDate" label="值班日期" rules={[{ required: true, message: '请选择值班日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="handedAt" label="交接时间" rules={[{ required: true, message: '请选择交接时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="fromUserId" label="交班人" rules={[{ required: true, message: '请选择交班人' }]}>
                <Select options={staffOptions} optionFilterProp="label" showSearch />
              </Form.Item>
              <Form.Item name="toUserId" label="接班人" rules={[{ required: true, message: '请选择接班人' }]}>
                <Select options={staffOptions} optionFilterProp="label" showSearch />
              </Form.Item>
              <Form.Item name="summary" label="值班情况" rules={[{ required: true, min: 2, message: '请填写值班情况' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="pending" label="待办事项">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="checkedAt" label="抽查时间" rules={[{ required: true, message: '请选择抽查时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="checkedUserId" label="被抽查人（当日值班人员）" rules={[{ required: true, message: '请选择被抽查人' }]}>
                <Select options={staffOptions} optionFilterProp="label" showSearch />
              </Form.Item>
              <Form.Item name="method" label="抽查方式">
                <Radio.Group
                  options={[
                    { value: 'phone', label: '电话' },
                    { value: 'video', label: '视频' },
                    { value: 'onsite', label: '现场' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="result" label="结果">
                <Radio.Group
                  options={[
                    { value: 'on_post', label: '在岗' },
                    { value: 'absent', label: '脱岗' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label="情况说明" extra="脱岗须写明情况">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** A sensitive period that raises the staff per day (两会, 汛期, 节假日前后). */
function PeriodButton({ unitId }: { unitId: number | undefined }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const showError = useApiError();
  const { message } = App.useApp();
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记敏感时期</Button>
      <Modal title="登记敏感时期（加强值班）" open={open} onOk={() => form.submit()} onCancel={() => setOpen(false)} okText="保存" destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ staffPerDay: 3 }}
          onFinish={(v: { name: string; range: [Dayjs, Dayjs]; staffPerDay: number; note?: string }) =>
            void dutyApi
              .addPeriod({
                unitId,
                name: v.name,
                startsOn: v.range[0].format('YYYY-MM-DD'),
                endsOn: v.range[1].format('YYYY-MM-DD'),
                staffPerDay: v.staffPerDay,
                note: v.note ?? '',
              })
              .then(() => {
                setOpen(false);
                void message.success('已登记；重新生成或调整值班表时按加强人数排班');
              })
              .catch((err: unknown) => showError(err, form))
          }
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写名称，如全国两会期间' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="staffPerDay" label="每日值班人数">
            <InputNumber min={1} max={10} precision={0} />
          </Form.Item>
          <Form.Item name="note" label="要求">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 值班值守: 值班表 · 交接班 · 在岗抽查. */
export function DutyPage() {
  const tab = useParams().tab ?? 'roster';
  const navigate = useNavigate();
  // the units whose duty one may open: one's own; the county's 应急管理局/安委办 every unit's (read-only but its own)
  const units = useAsync(() => dutyApi.units(), []);
  const [unitId, setUnitId] = useState<number | undefined>();
  const list = units.data?.items ?? [];
  const unit = list.find((u) => u.id === unitId) ?? list.find((u) => u.own) ?? list[0];
  return (
    <div className="anwen-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} className="anwen-page-title">
          值班值守
        </Typography.Title>
        <Space wrap>
          {list.length > 1 && (
            <Select
              aria-label="单位"
              style={{ minWidth: 220 }}
              showSearch
              optionFilterProp="label"
              value={unit?.id}
              onChange={(v: number) => setUnitId(v)}
              options={list.map((u) => ({ value: u.id, label: u.own ? `${u.name}（本单位）` : u.name }))}
              data-testid="duty-unit"
            />
          )}
          {unit?.mayEdit && <PeriodButton unitId={unit.id} />}
        </Space>
      </Space>
      {units.error && <Alert type="error" showIcon title={units.error.message} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(`/safety/duty/${k}`)}
          items={[
            { key: 'roster', label: '值班表', children: tab === 'roster' && unit ? <RosterTab key={unit.id} unit={unit} /> : null },
            {
              key: 'handovers',
              label: '交接班记录',
              children: tab === 'handovers' && unit ? <LogsTab key={unit.id} kind="handovers" unit={unit} /> : null,
            },
            { key: 'checks', label: '在岗抽查', children: tab === 'checks' && unit ? <LogsTab key={unit.id} kind="checks" unit={unit} /> : null },
          ]}
        />
      </Card>
    </div>
  );
}
