import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { apiClient, type ApiOk } from '../../../api/typed.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useApiError } from '../../../hooks/useApiError.ts';

type Plan = ApiOk<'/safety/plans'>['items'][number];
type Training = ApiOk<'/safety/trainings'>['items'][number];

const LEVELS = [
  { value: 'overall', label: '总体应急预案' },
  { value: 'special', label: '专项应急预案' },
  { value: 'department', label: '部门应急预案' },
  { value: 'site', label: '现场处置方案' },
  { value: 'enterprise', label: '企业应急预案' },
];
const FORMS = [
  { value: 'tabletop', label: '桌面推演' },
  { value: 'functional', label: '功能演练' },
  { value: 'full_scale', label: '综合（实战）演练' },
];
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function PlansTab() {
  const plans = useAsync(() => apiClient.get('/safety/plans'), []);
  const [adding, setAdding] = useState(false);
  const [drillFor, setDrillFor] = useState<Plan | null>(null);
  const [form] = Form.useForm();
  const [drillForm] = Form.useForm();
  const showError = useApiError();
  const items = plans.data?.items ?? [];
  const dueSoon = items.filter((p) => !p.reviewOverdue && dayjs(p.reviewDueOn).diff(dayjs(), 'day') <= 30);
  const overdue = items.filter((p) => p.reviewOverdue);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="plan-add">
          登记预案
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/v1/safety/plans/export.xlsx">
          导出 Excel
        </Button>
      </Space>
      {(overdue.length > 0 || dueSoon.length > 0) && (
        <Alert
          type={overdue.length ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={[overdue.length ? `${overdue.length} 件预案已过评估期` : '', dueSoon.length ? `${dueSoon.length} 件预案30日内应完成评估` : '']
            .filter(Boolean)
            .join('，')}
          description={[...overdue, ...dueSoon].map((p) => `《${p.name}》${p.reviewText}`).join('；')}
        />
      )}
      <Table<Plan>
        rowKey="id"
        loading={plans.loading}
        dataSource={items}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '尚未登记应急预案' }}
        columns={[
          { title: '预案名称', dataIndex: 'name', width: 260 },
          { title: '类别', dataIndex: 'levelName', width: 120 },
          { title: '编制单位', dataIndex: 'compiledBy', width: 150 },
          { title: '版本', dataIndex: 'version', width: 110 },
          { title: '批准（备案）', dataIndex: 'approvedOn', width: 110 },
          {
            title: '下次评估',
            key: 'review',
            width: 170,
            render: (_: unknown, p) => (
              <Space size={4} wrap>
                <span>{p.reviewDueOn}</span>
                <Tag color={p.reviewOverdue ? 'red' : dayjs(p.reviewDueOn).diff(dayjs(), 'day') <= 30 ? 'orange' : 'default'}>{p.reviewText}</Tag>
              </Space>
            ),
          },
          { title: '演练', key: 'drills', width: 150, render: (_: unknown, p) => (p.drills ? `${p.drills} 次，最近 ${p.lastDrillOn ?? ''}` : '未演练') },
          {
            title: '操作',
            key: 'op',
            width: 110,
            fixed: 'right',
            render: (_: unknown, p) => (
              <Button size="small" onClick={() => setDrillFor(p)}>
                登记演练
              </Button>
            ),
          },
        ]}
      />
      <Modal title="登记应急预案" open={adding} onOk={() => form.submit()} onCancel={() => setAdding(false)} okText="保存" destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v: { name: string; level: string; compiledBy: string; version: string; approvedOn: Dayjs; reviewDueOn: Dayjs; note?: string }) =>
            void apiClient
              .post('/safety/plans', {
                body: { ...v, level: v.level as 'overall', approvedOn: day(v.approvedOn), reviewDueOn: day(v.reviewDueOn), note: v.note ?? '' },
              })
              .then(() => {
                setAdding(false);
                plans.reload();
              })
              .catch((err: unknown) => showError(err, form))
          }
        >
          <Form.Item name="name" label="预案名称" rules={[{ required: true, min: 2, message: '请填写预案名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="level" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={LEVELS} />
          </Form.Item>
          <Form.Item name="compiledBy" label="编制单位" rules={[{ required: true, min: 2, message: '请填写编制单位' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="version" label="版本" rules={[{ required: true, message: '请填写版本，如2026版' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="approvedOn" label="批准（备案）日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reviewDueOn" label="下次评估日期" extra="到期前按时限规则提醒（默认提前30日）" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={drillFor ? `登记演练：${drillFor.name}` : ''}
        open={!!drillFor}
        onOk={() => drillForm.submit()}
        onCancel={() => setDrillFor(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form
          form={drillForm}
          layout="vertical"
          preserve={false}
          initialValues={{ drilledOn: dayjs(), form: 'tabletop', participants: 20 }}
          onFinish={(v: { drilledOn: Dayjs; form: string; participants: number; summary: string }) =>
            void apiClient
              .post('/safety/plans/{id}/drills', { params: { id: drillFor!.id }, body: { ...v, form: v.form as 'tabletop', drilledOn: day(v.drilledOn) } })
              .then(() => {
                setDrillFor(null);
                plans.reload();
              })
              .catch((err: unknown) => showError(err, drillForm))
          }
        >
          <Form.Item name="drilledOn" label="演练日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="form" label="演练形式">
            <Select options={FORMS} />
          </Form.Item>
          <Form.Item name="participants" label="参演人数">
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="summary" label="演练情况" rules={[{ required: true, min: 2, message: '请简述演练情况' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TrainingsTab() {
  const trainings = useAsync(() => apiClient.get('/safety/trainings'), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const showError = useApiError();
  const items = trainings.data?.items ?? [];
  const total = items.reduce((n, t) => n + t.attendees, 0);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="training-add">
          登记培训
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/v1/safety/trainings/export.xlsx">
          导出 Excel
        </Button>
        <Typography.Text type="secondary">
          共 {items.length} 期，参训 {total} 人次
        </Typography.Text>
      </Space>
      <Table<Training>
        rowKey="id"
        loading={trainings.loading}
        dataSource={items}
        scroll={{ x: 900 }}
        locale={{ emptyText: '尚未登记安全培训' }}
        columns={[
          { title: '培训日期', dataIndex: 'heldOn', width: 110 },
          { title: '受训单位', dataIndex: 'trainedUnit', width: 220 },
          { title: '培训主题', dataIndex: 'topic', width: 260 },
          { title: '参训人数', dataIndex: 'attendees', width: 90 },
          { title: '学时', dataIndex: 'hours', width: 70 },
          { title: '授课人', dataIndex: 'teacher', width: 120 },
        ]}
      />
      <Modal title="登记安全培训" open={adding} onOk={() => form.submit()} onCancel={() => setAdding(false)} okText="保存" destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ heldOn: dayjs(), hours: 2 }}
          onFinish={(v: { heldOn: Dayjs; trainedUnit: string; topic: string; attendees: number; hours: number; teacher?: string }) =>
            void apiClient
              .post('/safety/trainings', { body: { ...v, heldOn: day(v.heldOn), teacher: v.teacher ?? '' } })
              .then(() => {
                setAdding(false);
                trainings.reload();
              })
              .catch((err: unknown) => showError(err, form))
          }
        >
          <Form.Item name="heldOn" label="培训日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="trainedUnit" label="受训单位" rules={[{ required: true, min: 2, message: '请填写受训单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="topic" label="培训主题" rules={[{ required: true, min: 2, message: '请填写培训主题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="attendees" label="参训人数" rules={[{ required: true, message: '请填写人数' }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={0.5} max={100} step={0.5} precision={1} />
            </Form.Item>
          </Space>
          <Form.Item name="teacher" label="授课人">
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 应急预案 (review dates, 演练) and 安全培训. */
export function PlansPage() {
  const tab = useParams().tab ?? 'plans';
  const navigate = useNavigate();
  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        应急预案与安全培训
      </Typography.Title>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(`/safety/plans/${k}`)}
          items={[
            { key: 'plans', label: '应急预案', children: tab === 'plans' ? <PlansTab /> : null },
            { key: 'trainings', label: '安全培训', children: tab === 'trainings' ? <TrainingsTab /> : null },
          ]}
        />
      </Card>
    </div>
  );
}
