import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../hooks/auth.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { LeaderCasesTable } from './LeaderCasesTable.tsx';
import { leadersApi, type ReceptionDay } from './leadersApi.ts';

function MyCases() {
  const { data, loading, error } = useAsync(() => leadersApi.myCases(), []);
  if (error) return <Alert type="info" showIcon message={error.message} />;
  return <LeaderCasesTable items={data?.items ?? []} loading={loading} />;
}

function CasesByLeader() {
  const leaders = useAsync(() => leadersApi.leaders(), []);
  const [leaderId, setLeaderId] = useState<number>();
  const cases = useAsync(() => (leaderId ? leadersApi.cases(leaderId) : Promise.resolve(undefined)), [leaderId]);
  return (
    <>
      <Select style={{ width: 240, marginBottom: 12 }} placeholder="选择领导" value={leaderId} onChange={setLeaderId} options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))} />
      {cases.error && <Alert type="error" showIcon message={cases.error.message} />}
      {leaderId && <LeaderCasesTable items={cases.data?.items ?? []} loading={cases.loading} />}
    </>
  );
}

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
    const body = { leaderId: v.leaderId, date: v.date.format('YYYY-MM-DD'), startTime: v.time[0].format('HH:mm'), endTime: v.time[1].format('HH:mm'), place: v.place, topic: v.topic, published: v.published ?? false };
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
        : { leaderId: d.leaderId, date: dayjs(d.date), time: [dayjs(d.startTime, 'HH:mm'), dayjs(d.endTime, 'HH:mm')], place: d.place, topic: d.topic, published: d.published },
    );
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} />
        {manage && <Button type="primary" onClick={() => open('new')}>新增接访日</Button>}
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
            ? [{ title: '操作', key: 'op', width: 130, render: (_: unknown, d: ReceptionDay) => (
                <Space>
                  <a onClick={() => open(d)}>修改</a>
                  <Popconfirm title="取消该接访日安排？" onConfirm={async () => { await leadersApi.deleteDay(d.id); days.reload(); }}><a>取消</a></Popconfirm>
                </Space>
              ) }]
            : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新增接访日' : '修改接访日'} onOk={save} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="leaderId" label="接访领导" rules={[{ required: true, message: '请选择领导' }]}>
            <Select options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="time" label="时间" rules={[{ required: true }]}><TimePicker.RangePicker format="HH:mm" minuteStep={15} /></Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          <Form.Item name="topic" label="接访范围（主题）" rules={[{ required: true, min: 2, message: '如 劳动社保、征地拆迁' }]}><Input /></Form.Item>
          <Form.Item name="published" label="公布" valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ReceptionRecords() {
  const records = useAsync(() => leadersApi.records({}), []);
  return (
    <>
      {records.error && <Alert type="error" showIcon message={records.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={records.loading}
        dataSource={records.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '方式', dataIndex: 'kindName', width: 90 },
          { title: '领导', dataIndex: 'leaderName', width: 100 },
          { title: '地点', dataIndex: 'place', width: 140 },
          { title: '情况', dataIndex: 'summary' },
          { title: '批次/人次', key: 'n', width: 90, render: (_: unknown, r) => `${r.batches}/${r.persons}` },
          { title: '关联事项', key: 'cases', render: (_: unknown, r) => r.cases.map((c) => <div key={c.workItemId}><Link to={`/xf/${c.workItemId}`}>{c.refNo}</Link></div>) },
        ]}
      />
    </>
  );
}

/** 领导工作: 我的包案 (for a leader), 包案 by leader, 领导接访日 schedule, reception records. */
export function LeaderWorkPage() {
  const { user } = useAuth();
  const { tab } = useParams();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  const isLeader = roles.includes('county_leader');
  const manage = roles.includes('xfj_staff') || roles.includes('sys_admin');
  const tabs = [
    ...(isLeader ? [{ key: 'mine', label: '我的包案', children: <MyCases /> }] : []),
    { key: 'cases', label: '领导包案', children: <CasesByLeader /> },
    { key: 'days', label: '领导接访日', children: <ReceptionDays manage={manage} /> },
    { key: 'records', label: '接访记录', children: <ReceptionRecords /> },
  ];
  const active = tabs.some((t) => t.key === tab) ? tab! : tabs[0]!.key;
  return (
    <Card title="领导工作" size="small">
      <Tabs activeKey={active} onChange={(k) => navigate(`/leaders/${k}`)} items={tabs} destroyOnHidden />
    </Card>
  );
}
