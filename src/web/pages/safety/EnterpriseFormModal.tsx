import { useMemo, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useUnits } from '../../hooks/useUnits.ts';
import { safetyApi, type EnterpriseDetail, type EnterpriseInput, type Sector } from './safetyApi.ts';

interface Values {
  name: string;
  creditCode?: string;
  sectorId: number;
  townshipUnitId: number;
  regulatorUnitId?: number | null;
  legalRepName?: string;
  legalRepPhone?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  longitude?: number | null;
  latitude?: number | null;
  riskGrade?: 'red' | 'orange' | 'yellow' | 'blue' | null;
  employees?: number | null;
  licences?: { name: string; number?: string; expiresOn: Dayjs }[];
}

export const RISK_GRADE_OPTIONS = [
  { value: 'red', label: '红色（重大风险）' },
  { value: 'orange', label: '橙色（较大风险）' },
  { value: 'yellow', label: '黄色（一般风险）' },
  { value: 'blue', label: '蓝色（低风险）' },
];

type TreeNode = { value: number; title: string; disabled?: boolean; children: TreeNode[] };
/** the two-level 行业领域 tree; disabled sectors stay out unless the enterprise already has one */
function sectorTree(items: Sector[], keep?: number): TreeNode[] {
  const live = items.filter((s) => !s.disabled || s.id === keep);
  const node = (s: Sector): TreeNode => ({ value: s.id, title: s.name, children: live.filter((c) => c.parentId === s.id).map(node) });
  return live.filter((s) => s.parentId === null).map(node);
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/**
 * 登记 or 修改 one enterprise (place) of the register. Personal data arrives masked: on a change those fields start
 * empty and stay as stored unless something new is typed.
 */
export function EnterpriseFormModal({
  open,
  enterprise,
  onClose,
  onSaved,
}: {
  open: boolean;
  enterprise?: EnterpriseDetail | null;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sectors = useAsync(() => safetyApi.sectors(), []);
  const units = useUnits();
  const editing = !!enterprise;
  const tree = useMemo(() => sectorTree(sectors.data?.items ?? [], enterprise?.sectorId), [sectors.data, enterprise?.sectorId]);
  const townships = units.list
    .filter((u) => (u.kind === 'township' || u.kind === 'street') && (!u.disabled || u.id === enterprise?.townshipUnitId))
    .map((u) => ({ value: u.id, label: u.name }));
  const departments = units.list
    .filter((u) => u.kind === 'department' && (!u.disabled || u.id === enterprise?.regulatorUnitId))
    .map((u) => ({ value: u.id, label: u.name }));

  const initial: Partial<Values> = enterprise
    ? {
        name: enterprise.name,
        creditCode: enterprise.creditCode ?? undefined,
        sectorId: enterprise.sectorId,
        townshipUnitId: enterprise.townshipUnitId,
        regulatorUnitId: enterprise.regulatorUnitId,
        contactName: enterprise.contactName ?? undefined,
        address: enterprise.address ?? undefined,
        longitude: enterprise.longitude,
        latitude: enterprise.latitude,
        riskGrade: enterprise.riskGrade,
        employees: enterprise.employees,
        licences: enterprise.licences.map((l) => ({ name: l.name, number: l.number ?? undefined, expiresOn: dayjs(l.expiresOn) })),
      }
    : { licences: [] };

  const submit = async (v: Values) => {
    setSaving(true);
    setRefusal(null);
    const body: EnterpriseInput = {
      name: v.name.trim(),
      creditCode: blank(v.creditCode),
      sectorId: v.sectorId,
      townshipUnitId: v.townshipUnitId,
      regulatorUnitId: v.regulatorUnitId ?? null,
      legalRepName: blank(v.legalRepName),
      legalRepPhone: blank(v.legalRepPhone),
      contactName: blank(v.contactName),
      contactPhone: blank(v.contactPhone),
      address: blank(v.address),
      longitude: v.longitude ?? null,
      latitude: v.latitude ?? null,
      riskGrade: v.riskGrade ?? null,
      employees: v.employees ?? null,
      licences: (v.licences ?? []).map((l) => ({ name: l.name.trim(), number: blank(l.number), expiresOn: l.expiresOn.format('YYYY-MM-DD') })),
    };
    try {
      const saved = enterprise ? await safetyApi.updateEnterprise(enterprise.id, body) : await safetyApi.createEnterprise(body);
      onSaved(saved.id);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const personalHint = editing ? '已登记的信息不显示；不修改请留空' : undefined;

  return (
    <Modal
      open={open}
      title={editing ? `修改登记信息：${enterprise.name}` : '登记企业（场所）'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="enterprise-form">
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label="企业（场所）名称" rules={[{ required: true, min: 2, message: '请填写企业（场所）名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="creditCode" label="统一社会信用代码">
              <Input maxLength={18} placeholder="18 位，个体户可不填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sectorId" label="行业领域" rules={[{ required: true, message: '请选择行业领域' }]}>
              <TreeSelect
                treeData={tree}
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll={false}
                placeholder="选择行业领域"
                loading={sectors.loading}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="riskGrade" label="风险等级">
              <Select options={RISK_GRADE_OPTIONS} allowClear placeholder="尚未评定" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="townshipUnitId" label="属地乡镇（街道）" rules={[{ required: true, message: '请选择属地乡镇（街道）' }]}>
              <Select options={townships} showSearch optionFilterProp="label" loading={units.loading} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regulatorUnitId" label="行业主管部门">
              <Select options={departments} showSearch optionFilterProp="label" allowClear placeholder="无行业主管部门时由属地监管" loading={units.loading} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRepName" label="第一责任人（主要负责人）" extra={personalHint}>
              <Input maxLength={30} placeholder={editing ? (enterprise.legalRepName ?? '未登记') : undefined} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRepPhone" label="第一责任人电话" extra={personalHint}>
              <Input maxLength={20} placeholder={editing ? (enterprise.legalRepPhone ?? '未登记') : undefined} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="安全联系人">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label="联系电话" extra={personalHint}>
              <Input maxLength={20} placeholder={editing ? (enterprise.contactPhone ?? '未登记') : undefined} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label="地址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="longitude" label="经度">
              <InputNumber min={73} max={136} style={{ width: '100%' }} placeholder="如 104.123456" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="latitude" label="纬度">
              <InputNumber min={3} max={54} style={{ width: '100%' }} placeholder="如 30.123456" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="employees" label="从业人数">
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>证照</Typography.Text>
        <Form.List name="licences">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写证照名称' }]} style={{ marginBottom: 8 }}>
                    <Input placeholder="证照名称，如 危险化学品经营许可证" maxLength={60} style={{ width: 250 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} style={{ marginBottom: 8 }}>
                    <Input placeholder="证号" maxLength={60} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'expiresOn']} rules={[{ required: true, message: '请选择有效期至' }]} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder="有效期至" />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除该证照" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= 20}>
                添加证照
              </Button>
            </div>
          )}
        </Form.List>
        {refusal && <Alert type="error" showIcon style={{ marginTop: 12 }} message={refusal} />}
      </Form>
    </Modal>
  );
}
