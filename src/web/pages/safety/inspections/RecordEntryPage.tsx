import { useMemo, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Spin, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { BackdateReasonField, OccurredOnPicker, useBusinessDateRule } from '../../../components/action-form/BusinessDateFields.tsx';
import { SignaturePad } from './SignaturePad.tsx';
import { inspectionsApi, newIdempotencyKey, type RecordBody } from './inspectionsApi.ts';

type Outcome = 'pass' | 'fail' | 'na';
interface ItemValue {
  outcome?: Outcome;
  finding?: string;
  category?: string;
  grade?: 'general' | 'major';
  location?: string;
  dueOn?: Dayjs;
}
interface Values {
  checklistId?: number;
  inspectedAt: Dayjs;
  backdateReason?: string;
  items: Record<string, ItemValue>;
  remarks?: string;
  partyName?: string;
  partySignature?: string;
  partyRefusedReason?: string;
  inspectorSignature?: string;
}

const CATEGORIES = ['消防安全', '电气安全', '燃气安全', '危险化学品', '高处作业', '特种设备', '有限空间', '机械伤害', '安全管理', '其他'].map((value) => ({
  value,
}));
const MAX_PHOTO = 2_500_000;

/** A chosen photo or scan as a JPEG/PNG data URL, shrunk on a canvas when it is larger than the server takes. */
async function photoData(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error('读取图片失败'));
    r.readAsDataURL(file);
  });
  if (url.length <= MAX_PHOTO * 1.37) return url;
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const i = new Image();
    i.onload = () => resolve(i);
    i.onerror = () => reject(new Error('无法识别的图片'));
    i.src = url;
  });
  const scale = Math.min(1, 1800 / Math.max(img.width, img.height));
  const c = document.createElement('canvas');
  c.width = Math.round(img.width * scale);
  c.height = Math.round(img.height * scale);
  c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
  return c.toDataURL('image/jpeg', 0.8);
}

/**
 * 补录检查记录: a paper record typed in at the office by its inspector — the 检查日期 is the business date (older than
 * the back-dating window only with a 补录说明), each checklist item 合格/不合格/不涉及, a failed item's hazard fields,
 * photos or scans of the paper, signatures. One Idempotency-Key per form: pressing 提交 twice saves one record.
 */
export function RecordEntryPage() {
  const planId = Number(useParams().planId);
  const targetId = Number(useParams().targetId);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const rule = useBusinessDateRule();
  const plan = useAsync(() => inspectionsApi.plan(planId), [planId]);
  const checklists = useAsync(() => inspectionsApi.checklists(), []);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checklistId = Form.useWatch('checklistId', form);
  const items = Form.useWatch('items', form) ?? {};
  const target = plan.data?.items.find((t) => t.id === targetId);
  const checklist = useMemo(() => checklists.data?.items.find((c) => c.id === checklistId), [checklists.data, checklistId]);

  if ((plan.loading && !plan.data) || (checklists.loading && !checklists.data)) return <Spin />;
  if (plan.error || !plan.data || !target) return <Alert type="error" showIcon title={plan.error?.message ?? '未找到该检查对象，或您无权查看'} />;
  if (target.recordId)
    return (
      <Alert
        type="info"
        showIcon
        title="该检查对象已有检查记录"
        description={<Link to={`/safety/inspection-records/${target.recordId}`}>查看检查记录 {target.recordNo}</Link>}
      />
    );

  const submit = async (v: Values) => {
    if (!checklist) return setError('请选择检查表');
    setSaving(true);
    setError(null);
    try {
      const photos = await Promise.all(files.map((f) => photoData(f.originFileObj as File)));
      const body: RecordBody = {
        checklistId: checklist.id,
        inspectedAt: v.inspectedAt.toISOString(),
        backdateReason: v.backdateReason?.trim() || undefined,
        remarks: v.remarks?.trim() || undefined,
        partyName: v.partyName?.trim() || undefined,
        partySignature: v.partySignature,
        partyRefusedReason: v.partySignature ? undefined : v.partyRefusedReason?.trim() || undefined,
        inspectorSignature: v.inspectorSignature!,
        photos,
        results: checklist.items.map((item) => {
          const x = v.items[String(item.id)] ?? {};
          return x.outcome === 'fail'
            ? {
                itemId: item.id,
                outcome: 'fail' as const,
                finding: x.finding?.trim(),
                category: x.category?.trim(),
                grade: x.grade ?? 'general',
                location: x.location?.trim() || undefined,
                dueOn: x.dueOn?.format('YYYY-MM-DD'),
              }
            : { itemId: item.id, outcome: x.outcome ?? 'pass' };
        }),
      };
      const saved = await inspectionsApi.submitRecord(targetId, body, key.current);
      navigate(`/safety/inspection-records/${saved.id}`);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="anwen-page">
      <Space style={{ marginBottom: 8 }}>
        <Link to={`/safety/inspections/${planId}`}>← {plan.data.title}</Link>
      </Space>
      <Typography.Title level={4} className="anwen-page-title">
        补录检查记录：{target.enterpriseName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        现场使用纸质检查记录的，回到单位后由检查人员录入。检查日期按实际检查的日期填写；不合格项目提交后自动登记为隐患，并生成责令限期整改指令书。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ checklistId: plan.data.checklistId ?? undefined, items: {} }}
        data-testid="record-form"
      >
        <Card size="small" title="基本情况" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="checklistId" label="检查表" rules={[{ required: true, message: '请选择检查表' }]}>
                <Select
                  options={(checklists.data?.items ?? []).filter((c) => !c.disabled).map((c) => ({ value: c.id, label: c.name }))}
                  disabled={plan.data.checklistId !== null}
                  placeholder="选择检查表"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="inspectedAt" label="检查日期和时间" rules={[{ required: true, message: '请选择实际检查的日期和时间' }]}>
                <OccurredOnPicker
                  rule={rule}
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  minDate={dayjs(plan.data.periodFrom)}
                  data-testid="record-date"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <BackdateReasonField rule={rule} dateField="inspectedAt" maxLength={200} />
            </Col>
          </Row>
        </Card>
        <Card size="small" title="检查项目" style={{ marginBottom: 16 }}>
          {!checklist && <Typography.Text type="secondary">请先选择检查表</Typography.Text>}
          {checklist?.items.map((item, i) => {
            const failed = items[String(item.id)]?.outcome === 'fail';
            return (
              <div key={item.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }} data-testid={`record-item-${i}`}>
                <Typography.Text strong>
                  {i + 1}. {item.content}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    判定依据：{item.basis}
                    {!item.basisVerified && '（待核实）'}
                  </Typography.Text>
                </div>
                <Form.Item name={['items', String(item.id), 'outcome']} rules={[{ required: true, message: '请选择检查结果' }]} style={{ margin: '6px 0' }}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'pass', label: '合格' },
                      { value: 'fail', label: '不合格' },
                      { value: 'na', label: '不涉及' },
                    ]}
                  />
                </Form.Item>
                {failed && (
                  <Row gutter={12}>
                    <Col span={24}>
                      <Form.Item
                        name={['items', String(item.id), 'finding']}
                        label="发现的问题（登记为隐患）"
                        rules={[{ required: true, whitespace: true, message: '请写明发现的具体问题：在哪里、什么情况' }]}
                      >
                        <Input.TextArea rows={2} maxLength={2000} placeholder="如：二楼库房安全出口被成捆钢管堵塞，疏散指示标志不亮" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['items', String(item.id), 'category']} label="隐患类别" rules={[{ required: true, message: '请选择或填写隐患类别' }]}>
                        <AutoComplete options={CATEGORIES} placeholder="如：消防安全" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['items', String(item.id), 'grade']} label="隐患级别" initialValue="general">
                        <Select
                          options={[
                            { value: 'general', label: '一般事故隐患' },
                            { value: 'major', label: '重大事故隐患' },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['items', String(item.id), 'location']} label="隐患部位">
                        <Input maxLength={200} placeholder="如：后厨" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={['items', String(item.id), 'dueOn']} label="整改期限" rules={[{ required: true, message: '请确定整改期限' }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
              </div>
            );
          })}
        </Card>
        <Card size="small" title="现场照片、签名" style={{ marginBottom: 16 }}>
          <Form.Item label="现场照片或纸质记录扫描件" extra="JPEG 或 PNG 图片，最多 9 张；较大的图片提交时自动压缩">
            <Upload
              accept="image/jpeg,image/png"
              listType="picture"
              multiple
              maxCount={9}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(0, 9))}
            >
              <Button icon={<UploadOutlined />}>选择图片</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="remarks" label="检查情况说明">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="inspectorSignature" label="检查人员签名（本人）" rules={[{ required: true, message: '请检查人员签名' }]}>
                <SignaturePad testId="inspector-signature" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="partyName" label="被检查单位签字人">
                <Input maxLength={30} placeholder="按纸质记录上的签字人填写" />
              </Form.Item>
              <Form.Item name="partySignature" label="被检查单位签名">
                <SignaturePad testId="party-signature" />
              </Form.Item>
              <Form.Item noStyle dependencies={['partySignature']}>
                {({ getFieldValue }) =>
                  getFieldValue('partySignature') ? null : (
                    <Form.Item
                      name="partyRefusedReason"
                      label="未签名的情况"
                      extra="被检查单位拒绝签字或无法当场签名的，写明情况"
                      rules={[{ required: true, whitespace: true, message: '请由被检查单位签名，或写明未签名的情况' }]}
                    >
                      <Input maxLength={200} placeholder="如：纸质记录已由店长李某签字，原件附后" />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="record-error" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="record-submit">
            提交检查记录
          </Button>
          <Button onClick={() => navigate(`/safety/inspections/${planId}`)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
