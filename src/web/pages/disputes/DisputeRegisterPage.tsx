import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useAuth } from '../../hooks/auth.tsx';
import { useUnits, type UnitTreeSelectNode } from '../../hooks/useUnits.ts';
import { disputesApi } from './disputesApi.ts';

interface PartyValues {
  role: 'applicant' | 'respondent' | 'third';
  name: string;
  idNumber?: string;
  phone?: string;
}
interface Values {
  source: 'screening' | 'visit' | 'grid' | 'petition' | 'hotline';
  campaignId?: number;
  typeId: number;
  placeUnitId: number;
  place?: string;
  responsibleUnitId?: number;
  facts: string;
  amount?: number;
  peopleCount: number;
  foundOn: Dayjs;
  backdateReason?: string;
  parties: PartyValues[];
  riskKind?: 'domestic_violence' | 'violence' | 'group';
  riskNote?: string;
  urgentUnitIds?: number[];
  petitionRefNo?: string;
}

const ROLES = [
  { value: 'applicant', label: '申请人' },
  { value: 'respondent', label: '被申请人' },
  { value: 'third', label: '其他当事人' },
];

/** Keeps the nodes under the user's own unit (a village mediator registers in the village, a township in its villages). */
function within(nodes: UnitTreeSelectNode[], inScope: (id: number) => boolean): UnitTreeSelectNode[] {
  const out: UnitTreeSelectNode[] = [];
  for (const n of nodes) {
    if (inScope(n.value)) out.push(n);
    else out.push(...within(n.children, inScope));
  }
  return out;
}

/** 登记矛盾纠纷: source, type, place, parties (protected once saved), the facts, and a risk of violence routed at once. */
export function DisputeRegisterPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user } = useAuth();
  const units = useUnits();
  const options = useAsync(() => disputesApi.options(), []);
  const campaigns = useAsync(() => disputesApi.campaigns(), []);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = Form.useWatch('source', form);
  const riskKind = Form.useWatch('riskKind', form);
  const countyWide = !!user?.roles.some((r) => r === 'wwb_staff');
  const inScope = (id: number) => countyWide || !!units.byId.get(id)?.path.startsWith(user?.unitPath ?? '/none/');
  const tree = within(units.treeSelect, inScope);
  const helpers = units.list
    .filter((u) => !u.disabled && (u.kind === 'department' || /派出所|妇联|妇女联合会|公安|司法所/.test(u.name)))
    .map((u) => ({ value: u.id, label: u.name }));
  const campaignId = params.get('campaignId');

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const { id } = await disputesApi.create({
        source: v.source,
        campaignId: v.source === 'screening' ? v.campaignId : undefined,
        typeId: v.typeId,
        placeUnitId: v.placeUnitId,
        place: v.place || undefined,
        responsibleUnitId: v.responsibleUnitId,
        facts: v.facts,
        amount: v.amount ?? undefined,
        peopleCount: v.peopleCount,
        foundOn: v.foundOn.format('YYYY-MM-DD'),
        backdateReason: v.backdateReason || undefined,
        parties: v.parties.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumber || undefined, phone: p.phone || undefined })),
        riskKind: v.riskKind,
        riskNote: v.riskKind ? v.riskNote || undefined : undefined,
        urgentUnitIds: v.riskKind ? v.urgentUnitIds : undefined,
        petitionRefNo: v.source === 'petition' ? v.petitionRefNo : undefined,
      });
      navigate(`/disputes/${id}`);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.field && form.getFieldInstance(e.field) !== undefined) form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="登记矛盾纠纷" data-testid="dispute-register">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          source: campaignId ? 'screening' : 'visit',
          campaignId: campaignId ? Number(campaignId) : undefined,
          foundOn: dayjs(),
          peopleCount: 2,
          parties: [{ role: 'applicant' }, { role: 'respondent' }],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="source" label="纠纷来源" rules={[{ required: true, message: '请选择纠纷来源' }]}>
              <Select options={(options.data?.sources ?? []).map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
          </Col>
          {source === 'screening' && (
            <Col xs={24} md={8}>
              <Form.Item name="campaignId" label="排查活动">
                <Select
                  allowClear
                  placeholder="本次排查所属的活动"
                  options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.kindName}）` }))}
                />
              </Form.Item>
            </Col>
          )}
          {source === 'petition' && (
            <Col xs={24} md={8}>
              <Form.Item
                name="petitionRefNo"
                label="原信访事项编号"
                rules={[{ required: true, message: '请填写原信访事项的编号' }]}
                extra="登记后与该信访事项相互关联"
              >
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="typeId" label="纠纷类型" rules={[{ required: true, message: '请选择纠纷类型' }]}>
              <Select options={(options.data?.types ?? []).map((t) => ({ value: t.id, label: t.name }))} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="placeUnitId" label="发生地（村、社区）" rules={[{ required: true, message: '请选择发生地' }]}>
              <TreeSelect treeData={tree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll={!countyWide} placeholder="选择村（社区）或乡镇" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="place" label="具体地点">
              <Input maxLength={200} placeholder="如：三组王家院坝" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="responsibleUnitId" label="调处单位" extra="不选则由发生地的调解组织调处">
              <TreeSelect allowClear treeData={tree} showSearch treeNodeFilterProp="title" placeholder="默认为发生地" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="facts" label="纠纷简要情况" rules={[{ required: true, min: 4, message: '请写明纠纷的起因、经过和各方诉求' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder="起因、经过、各方诉求" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="peopleCount" label="涉及人数" rules={[{ required: true, message: '请填写涉及人数' }]}>
              <InputNumber min={1} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="amount" label="涉及金额（元）">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="foundOn" label="发现（登记）日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="backdateReason" label="补录说明" extra="登记日期早于今天较多时填写">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>当事人</Typography.Title>
        <Typography.Paragraph type="secondary">姓名、身份证号码和电话加密保存，页面上只显示部分字符；查看完整信息须说明理由并留痕。</Typography.Paragraph>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={24} sm={5}>
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择' }]}>
                      <Select options={ROLES} aria-label="当事人类别" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={5}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写姓名或名称' }]}>
                      <Input placeholder="姓名或名称" maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={7}>
                    <Form.Item name={[f.name, 'idNumber']}>
                      <Input placeholder="身份证号码（可不填）" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={5}>
                    <Form.Item name={[f.name, 'phone']}>
                      <Input placeholder="联系电话" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除该当事人" />}
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'third' })} style={{ marginBottom: 16 }}>
                添加当事人
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>激化风险</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="riskKind" label="是否有激化风险" extra="如有家庭暴力、民转刑风险，立即移交派出所、妇联等单位">
              <Select allowClear placeholder="无" options={(options.data?.riskKinds ?? []).map((r) => ({ value: r.code, label: r.name }))} />
            </Form.Item>
          </Col>
          {riskKind && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="urgentUnitIds" label="立即移交" rules={[{ required: true, message: '请选择移交的单位（派出所、妇联等）' }]}>
                  <Select mode="multiple" options={helpers} showSearch={{ optionFilterProp: 'label' }} placeholder="派出所、妇联等" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="riskNote" label="风险情况">
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        {riskKind === 'domestic_violence' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="法定保护途径（登记后同时告知移交单位）"
            description={(options.data?.protectionRoutes ?? []).map((r) => (
              <div key={r.name}>
                {r.name}（{r.source}）
              </div>
            ))}
          />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="dispute-submit">
            登记
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
