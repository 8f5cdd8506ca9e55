import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { itemsOf, leaderApi } from '../../../api/endpoints.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { UnitPicker } from '../../petitions/Pickers.tsx';
import { actionsApi, type ActionBody } from './actionsApi.ts';

interface Values {
  name: string;
  category: ActionBody['category'];
  period: [Dayjs, Dayjs];
  goals: string;
  measures?: string;
  steps?: string;
  rhythm: ActionBody['rhythm'];
  leadUnitId: number;
  members: { role: 'head' | 'deputy' | 'member'; leaderId?: number; name: string; post?: string }[];
  groups: { name: string; leadUnitId: number; members?: string[] }[];
}

/** 部署专项行动: name, 类别, period, 实施方案, 领导小组 (county leaders or named people with posts), 工作专班, 调度 rhythm. */
export function ActionFormPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const options = useAsync(() => actionsApi.options(), []);
  const leaders = useAsync(() => leaderApi.list(), []);
  const leaderList = itemsOf(leaders.data).filter((l) => !l.disabled);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setSaving(true);
    setSaveError(null);
    try {
      const { id } = await actionsApi.create({
        name: v.name,
        category: v.category,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        goals: v.goals,
        measures: v.measures || undefined,
        steps: v.steps || undefined,
        rhythm: v.rhythm,
        leadUnitId: v.leadUnitId,
        members: v.members.map((m) => ({ role: m.role, leaderId: m.leaderId, name: m.name, post: m.post || undefined })),
        groups: (v.groups ?? []).map((g) => ({ name: g.name, leadUnitId: g.leadUnitId, members: g.members ?? [] })),
      });
      navigate(`/supervision/actions/${id}`);
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const pickLeader = (index: number, leaderId: number | undefined) => {
    const l = leaderList.find((x) => x.id === leaderId);
    if (!l) return;
    const members = form.getFieldValue('members') as Values['members'];
    members[index] = { ...members[index]!, leaderId, name: l.name, post: l.title };
    form.setFieldsValue({ members: [...members] });
  };
  const opt = (list?: { code: string; name: string }[]) => (list ?? []).map((m) => ({ value: m.code, label: m.name }));

  return (
    <Card title="部署专项行动" style={{ maxWidth: 1000 }} data-testid="sv-action-form">
      <Typography.Paragraph type="secondary">
        先保存实施方案、领导小组和工作专班（行动处于“筹备”阶段），再在行动页面列入问题清单、启动实施并按调度频次登记调度。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ category: 'petition_backlog', rhythm: 'weekly', members: [{ role: 'head' }], groups: [] }}
      >
        <Form.Item name="name" label="行动名称" rules={[{ required: true, message: '请填写行动名称' }]}>
          <Input maxLength={100} placeholder="如：“信访积案化解年”专项行动" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="category" label="行动类别" rules={[{ required: true, message: '请选择行动类别' }]}>
            <Select options={opt(options.data?.categories)} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="period" label="行动期间" rules={[{ required: true, message: '请选择行动期间' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]} style={{ width: 260 }}>
            <UnitPicker />
          </Form.Item>
        </Space>
        <Form.Item name="rhythm" label="调度频次" rules={[{ required: true, message: '请选择调度频次' }]}>
          <Radio.Group options={opt(options.data?.rhythms)} />
        </Form.Item>
        <Form.Item name="goals" label="实施方案：目标任务" rules={[{ required: true, message: '请填写目标任务' }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：全县信访积案化解率达到90%以上，重复信访明显下降" />
        </Form.Item>
        <Form.Item name="measures" label="工作措施">
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：县级领导包案、一案一策、依法分类处理" />
        </Form.Item>
        <Form.Item name="steps" label="时间步骤">
          <Input.TextArea rows={3} maxLength={4000} placeholder="如：动员部署阶段（9月）、集中化解阶段（10—11月）、总结巩固阶段（12月）" />
        </Form.Item>
        <Typography.Title level={5}>领导小组</Typography.Title>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'role']} label={i === 0 ? '职务' : undefined} rules={[{ required: true, message: '请选择' }]}>
                    <Select options={opt(options.data?.memberRoles)} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'leaderId']} label={i === 0 ? '县领导（可选）' : undefined}>
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder="从县领导中选择"
                      style={{ width: 200 }}
                      options={leaderList.map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))}
                      onChange={(v: number | undefined) => pickLeader(f.name, v)}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label={i === 0 ? '姓名' : undefined} rules={[{ required: true, message: '请填写姓名' }]}>
                    <Input maxLength={40} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'post']} label={i === 0 ? '单位职务' : undefined}>
                    <Input maxLength={60} style={{ width: 200 }} placeholder="如：县信访局局长" />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" style={{ marginTop: i === 0 ? 38 : 8 }} />}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'member' })} style={{ marginBottom: 16 }}>
                增加领导小组成员
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>工作专班（工作组）</Typography.Title>
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                    <Input maxLength={40} style={{ width: 160 }} placeholder="如：综合协调组" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'leadUnitId']} rules={[{ required: true, message: '请选择牵头单位' }]} style={{ width: 220 }}>
                    <UnitPicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'members']}>
                    <Select mode="tags" style={{ minWidth: 240 }} open={false} tokenSeparators={['、', '，', ',']} placeholder="成员姓名，回车分隔" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" style={{ marginTop: 8 }} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                增加工作专班
              </Button>
            </>
          )}
        </Form.List>
        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="action-submit">
            保存
          </Button>
          <Button onClick={() => navigate('/supervision/actions')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
