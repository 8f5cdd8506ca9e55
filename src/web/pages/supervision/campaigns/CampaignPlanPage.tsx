import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { UnitPicker } from '../../petitions/Pickers.tsx';
import { campaignsApi } from './campaignsApi.ts';

interface Values {
  name: string;
  method: 'listen_check_see' | 'unannounced' | 'random';
  period: [Dayjs, Dayjs];
  basis?: string;
  checklist: string;
  groups: { name: string; leaderName: string; members?: string[]; unitIds: number[] }[];
}
const GROUP_NAMES = ['第一检查组', '第二检查组', '第三检查组', '第四检查组', '第五检查组', '第六检查组'];

/** 制定督查方案: name, period, method, what to check, groups with their leader, members and the units each inspects. */
export function CampaignPlanPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const options = useAsync(() => campaignsApi.options(), []);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setSaving(true);
    setSaveError(null);
    try {
      const { id } = await campaignsApi.plan({
        name: v.name,
        method: v.method,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        basis: v.basis || undefined,
        checklist: v.checklist
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        groups: v.groups.map((g) => ({ name: g.name, leaderName: g.leaderName, members: g.members ?? [], unitIds: g.unitIds })),
      });
      navigate(`/supervision/campaigns/${id}`);
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="制定督查方案" style={{ maxWidth: 960 }} data-testid="sv-campaign-plan">
      <Typography.Paragraph type="secondary">
        督查应当有方案（《政府督查工作条例》第十五条）。暗访的督查对象在通报印发前看不到本次督查；各组督查的单位不重复。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ method: 'listen_check_see', groups: [{ name: GROUP_NAMES[0], unitIds: [] }] }}
      >
        <Form.Item name="name" label="督查名称" rules={[{ required: true, message: '请填写督查名称' }]}>
          <Input maxLength={100} placeholder="如：2026年第三季度安全生产和信访稳定工作督查" />
        </Form.Item>
        <Form.Item name="period" label="督查时段" rules={[{ required: true, message: '请选择督查时段' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="method" label="督查方式" rules={[{ required: true, message: '请选择督查方式' }]}>
          <Radio.Group options={(options.data?.methods ?? []).map((m) => ({ value: m.code, label: m.name }))} />
        </Form.Item>
        <Form.Item name="basis" label="督查依据">
          <Input maxLength={500} placeholder="如：县委县政府2026年第三季度督查工作安排" />
        </Form.Item>
        <Form.Item name="checklist" label="督查内容（每行一项）" rules={[{ required: true, message: '请至少列出一项督查内容' }]}>
          <Input.TextArea rows={4} placeholder={'安全生产隐患排查整治台账\n信访积案化解进度'} />
        </Form.Item>
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`检查组 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该组" />}
                >
                  <Space wrap align="start" style={{ width: '100%' }}>
                    <Form.Item name={[f.name, 'name']} label="组名" rules={[{ required: true, message: '请填写组名' }]}>
                      <Input maxLength={40} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'leaderName']} label="组长" rules={[{ required: true, message: '请填写组长' }]}>
                      <Input maxLength={40} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'members']} label="成员（输入姓名后回车）">
                      <Select mode="tags" style={{ minWidth: 260 }} open={false} tokenSeparators={['、', '，', ',']} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'unitIds']} label="本组督查的单位" rules={[{ required: true, message: '请选择本组督查的单位' }]}>
                    <UnitPicker multiple />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: GROUP_NAMES[fields.length] ?? '', unitIds: [] })} style={{ marginBottom: 16 }}>
                增加检查组
              </Button>
            </>
          )}
        </Form.List>
        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="plan-submit">
            保存方案
          </Button>
          <Button onClick={() => navigate('/supervision/campaigns')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
