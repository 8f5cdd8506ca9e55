import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../hooks/auth.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { CasesByLeader, MyLeaderCases } from './LeaderCasesTable.tsx';
import { CasePicker, type PickedCase } from './CasePicker.tsx';
import { AwaitingInstruction } from './AwaitingInstruction.tsx';
import { leadersApi, type ReceptionDay } from './leadersApi.ts';

function ReceptionDays({ manage }: { manage: boolean }) {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const days = useAsync(() => leadersApi.days(from, to), [from, to]);
  const leaders = useAsync(() => leadersApi.leaders(), []);
  const [editing, setEditing] = useState<ReceptionDay | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      leaderId: v.leaderId,
      date: v.date.format('YYYY-MM-DD'),
      startTime: v.time[0].format('HH:mm'),
      endTime: v.time[1].format('HH:mm'),
      place: v.place,
      topic: v.topic,
      published: v.published ?? false,
    };
    try {
      if (editing === 'new') await leadersApi.createDay(body);
      else if (editing) await leadersApi.updateDay(editing.id, body);
      message.success('已保存');
      setEditing(null);
      days.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  const open = (d: ReceptionDay | 'new') => {
    setEditing(d);
    form.setFieldsValue(
      d === 'new'
        ? { leaderId: undefined, date: month, time: [dayjs('09:00', 'HH:mm'), dayjs('12:00', 'HH:mm')], place: '县信访局接待大厅', topic: '', published: false }
        : {
            leaderId: d.leaderId,
            date: dayjs(d.date),
            time: [dayjs(d.startTime, 'HH:mm'), dayjs(d.endTime, 'HH:mm')],
            place: d.place,
            topic: d.topic,
            published: d.published,
          },
    );
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} />
        {manage && (
          <Button type="primary" onClick={() => open('new')}>
            新增接访日
          </Button>
        )}
      </Space>
      {days.error && <Alert type="error" showIcon message={days.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={days.loading}
        dataSource={days.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '时间', key: 'time', width: 120, render: (_: unknown, d) => `${d.startTime}—${d.endTime}` },
          { title: '接访领导', key: 'leader', width: 160, render: (_: unknown, d) => `${d.leaderName}（${d.leaderTitle}）` },
          { title: '地点', dataIndex: 'place' },
          { title: '接访范围', dataIndex: 'topic' },
          { title: '公布', dataIndex: 'published', width: 80, render: (v: boolean) => (v ? <Tag color="green">已公布</Tag> : <Tag>草稿</Tag>) },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 130,
                  render: (_: unknown, d: ReceptionDay) => (
                    <Space>
                      <a onClick={() => open(d)}>修改</a>
                      <Popconfirm
                        title="取消该接访日安排？"
                        onConfirm={async () => {
                          await leadersApi.deleteDay(d.id);
                          days.reload();
                        }}
                      >
                        <a>取消</a>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新增接访日' : '修改接访日'} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="leaderId" label="接访领导" rules={[{ required: true, message: '请选择领导' }]}>
            <Select options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="time" label="时间" rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="topic" label="接访范围（主题）" rules={[{ required: true, min: 2, message: '如 劳动社保、征地拆迁' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="published" label="公布" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const KINDS = [
  { value: 'reception', label: '接访' },
  { value: 'down_visit', label: '带案下访' },
  { value: 'appointment', label: '约访' },
] as const;

/** 登记接访记录: who received, when, where, how, how many, what was said, and which cases it concerned. */
function ReceptionRecordModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const { user } = useAuth();
  const leaders = useAsync(() => leadersApi.leaders(), []);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const own = leaders.data?.items.find((l) => l.userId === user?.id);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await leadersApi.createRecord({
        leaderId: v.leaderId,
        kind: v.kind,
        date: v.date.format('YYYY-MM-DD'),
        place: v.place,
        summary: v.summary,
        batches: v.batches,
        persons: v.persons,
        workItemIds: ((v.cases ?? []) as PickedCase[]).map((c) => c.value),
      });
      message.success('接访记录已登记');
      form.resetFields();
      onSaved();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="登记接访记录" onOk={save} okText="登记" confirmLoading={busy} onCancel={onClose} destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'reception', date: dayjs(), place: '县信访局接待大厅', batches: 1, persons: 1, leaderId: own?.id }}
        data-testid="reception-record-form"
      >
        <Form.Item name="leaderId" label="接访领导" rules={[{ required: true, message: '请选择领导' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))}
          />
        </Form.Item>
        <Space wrap size="middle" style={{ width: '100%' }}>
          <Form.Item name="kind" label="方式" rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={KINDS.map((k) => ({ ...k }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="batches" label="批次" rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item name="persons" label="人次" rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="地点" rules={[{ required: true, min: 2, message: '至少 2 个字' }, { max: 100 }]}>
          <Input placeholder="县信访局接待大厅 / 某镇某村" />
        </Form.Item>
        <Form.Item
          name="summary"
          label="接访情况（反映的问题、领导意见、交办事项）"
          rules={[{ required: true, min: 2, message: '至少 2 个字' }, { max: 2000 }]}
        >
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Form.Item name="cases" label="关联信访事项（按编号查找）" extra="关联后，接访情况会出现在各事项的处理经过中。">
          <CasePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceptionRecords({ record }: { record: boolean }) {
  const records = useAsync(() => leadersApi.records({}), []);
  const [adding, setAdding] = useState(false);
  return (
    <>
      {record && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
          登记接访记录
        </Button>
      )}
      {records.error && <Alert type="error" showIcon message={records.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={records.loading}
        dataSource={records.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '方式', dataIndex: 'kindName', width: 90 },
          { title: '领导', dataIndex: 'leaderName', width: 100 },
          { title: '地点', dataIndex: 'place', width: 140 },
          { title: '情况', dataIndex: 'summary' },
          { title: '批次/人次', key: 'n', width: 90, render: (_: unknown, r) => `${r.batches}/${r.persons}` },
          {
            title: '关联事项',
            key: 'cases',
            render: (_: unknown, r) =>
              r.cases.map((c) => (
                <div key={c.workItemId}>
                  <Link to={`/xf/${c.workItemId}`}>{c.refNo}</Link>
                </div>
              )),
          },
          { title: '登记人', dataIndex: 'recordedByName', width: 90 },
        ]}
      />
      <ReceptionRecordModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          records.reload();
        }}
      />
    </>
  );
}

/** 领导工作: 我的包案 and 待我批示 (for a leader), 包案 by leader, 领导接访日 schedule, reception records. */
export function LeaderWorkPage() {
  const { user } = useAuth();
  const { tab } = useParams();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  const isLeader = roles.includes('county_leader');
  const manage = roles.includes('xfj_staff') || roles.includes('sys_admin');
  const tabs = [
    ...(isLeader
      ? [
          { key: 'mine', label: '我的包案', children: <MyLeaderCases /> },
          { key: 'awaiting', label: '待我批示', children: <AwaitingInstruction /> },
        ]
      : []),
    { key: 'cases', label: '领导包案', children: <CasesByLeader /> },
    { key: 'days', label: '领导接访日', children: <ReceptionDays manage={manage} /> },
    { key: 'records', label: '接访记录', children: <ReceptionRecords record={manage || isLeader} /> },
  ];
  const active = tabs.some((t) => t.key === tab) ? tab! : tabs[0]!.key;
  return (
    <Card title="领导工作" size="small">
      <Tabs activeKey={active} onChange={(k) => navigate(`/leaders/${k}`)} items={tabs} destroyOnHidden />
    </Card>
  );
}
