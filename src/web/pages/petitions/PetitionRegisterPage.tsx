import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Cascader, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Space, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { itemsOf } from '../../api/endpoints.ts';
import {
  petitionApi,
  type MatterType,
  type PetitionChannel,
  type PetitionerInput,
  type RegisterPetitionInput,
  type RegisterPetitionResult,
  type UpperLevel,
} from '../../api/petitions.ts';
import { useApiError } from '../../hooks/useApiError.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useUnits } from '../../hooks/useUnits.ts';
import { ANONYMOUS_ALLOWED, CHANNEL_LABELS, CHANNELS, MATTER_HELP, MATTER_LABELS } from './labels.ts';
import { ChannelFields } from './ChannelFields.tsx';
import { PetitionersFields } from './PetitionersFields.tsx';
import { RegisteredModal } from './RegisteredModal.tsx';
import { CounterFilesField, type CounterFile } from './CounterFilesField.tsx';
import { rememberQueryCode } from './receiptCodes.ts';
import { RepeatCandidatesAlert } from './RepeatCandidatesAlert.tsx';
import { useRepeatCandidates } from './useRepeatCandidates.ts';
import { categoryOptions, handlingUnitTree, placeTree } from './unitOptions.ts';

interface FormValues {
  channel: PetitionChannel;
  visit?: { batches?: number; persons: number; representatives?: string[]; receivedBy?: number };
  /** 收到日期: the day the letter arrived or the visit took place (the clocks start on it) */
  receivedOn: Dayjs;
  backdateReason?: string;
  upper?: { level: UpperLevel; refNo: string; dueDate: Dayjs };
  anonymous?: boolean;
  petitioners?: PetitionerInput[];
  matterType: MatterType;
  accusedUnitId?: number;
  category: number[];
  placeUnitId: number;
  title: string;
  content: string;
  urgency: 'normal' | 'urgent';
  skippedLevel?: boolean;
  lawRelated?: boolean;
}

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

const today = () => dayjs().startOf('day');

function toInput(v: FormValues, files: CounterFile[]): RegisterPetitionInput {
  const anonymous = !!v.anonymous && ANONYMOUS_ALLOWED.includes(v.matterType);
  // today: the server's clock stamps the moment; an earlier day starts at that day's beginning in 青岚县 (UTC+8)
  const receivedOn = v.receivedOn.format('YYYY-MM-DD');
  const backdated = receivedOn !== today().format('YYYY-MM-DD');
  return {
    channel: v.channel,
    receivedAt: backdated ? `${receivedOn}T00:00:00+08:00` : undefined,
    backdateReason: backdated ? blankToUndefined(v.backdateReason) : undefined,
    attachments: files.length ? files.map((f) => f.token) : undefined,
    visit:
      v.channel === 'visit' && v.visit
        ? { batches: 1, persons: v.visit.persons, representatives: v.visit.representatives?.filter(Boolean), receivedBy: v.visit.receivedBy }
        : undefined,
    upper: v.channel === 'upper' && v.upper ? { level: v.upper.level, refNo: v.upper.refNo.trim(), dueDate: v.upper.dueDate.format('YYYY-MM-DD') } : undefined,
    anonymous: anonymous || undefined,
    petitioners: anonymous
      ? []
      : (v.petitioners ?? []).map((p) => ({
          name: p.name.trim(),
          idNumber: blankToUndefined(p.idNumber)?.toUpperCase(),
          phone: blankToUndefined(p.phone),
          address: blankToUndefined(p.address),
        })),
    matterType: v.matterType,
    accusedUnitId: v.matterType === 'accusation' ? v.accusedUnitId : undefined,
    categoryId: v.category[v.category.length - 1]!, // the Cascader is required and selects leaves
    placeUnitId: v.placeUnitId,
    title: v.title.trim(),
    content: v.content.trim(),
    urgency: v.urgency,
    skippedLevel: v.skippedLevel || undefined,
    lawRelated: v.lawRelated || undefined,
  };
}

/** 登记 /xf/new: one form for every channel; fields appear as the channel and matter type need them. */
export function PetitionRegisterPage() {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const showError = useApiError();
  const units = useUnits();
  const categories = useAsync(() => petitionApi.categories(), []);
  // the 集体访 hint follows the county's setting; no hint until it is known
  const intake = useAsync(() => petitionApi.intakeSettings(), []);
  const receptionists = useAsync(() => petitionApi.receptionists(), []);
  const [files, setFiles] = useState<CounterFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<RegisterPetitionResult | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const channel = Form.useWatch('channel', form);
  const persons = Form.useWatch(['visit', 'persons'], form);
  const matterType = Form.useWatch('matterType', form);
  const anonymous = Form.useWatch('anonymous', form);
  const petitioners = Form.useWatch('petitioners', form);
  const title = Form.useWatch('title', form);
  const content = Form.useWatch('content', form);
  const receivedOn = Form.useWatch('receivedOn', form);
  const windowDays = intake.data?.backdateWindowDays;
  const needsReason = !!receivedOn && windowDays !== undefined && receivedOn.isBefore(today().subtract(windowDays, 'day'));
  const petitionerNames = (petitioners ?? []).map((p) => p?.name?.trim()).filter((n): n is string => !!n);
  const me = receptionists.data?.items.find((u) => u.me)?.id;
  useEffect(() => {
    if (me && !form.getFieldValue(['visit', 'receivedBy'])) form.setFieldValue(['visit', 'receivedBy'], me);
  }, [me, channel, form]);
  const isAnonymous = !!anonymous && !!matterType && ANONYMOUS_ALLOWED.includes(matterType);
  const candidates = useRepeatCandidates(isAnonymous ? [] : petitioners, title, content);

  const places = useMemo(() => placeTree(units.tree), [units.tree]);
  const accusable = useMemo(() => handlingUnitTree(units.tree), [units.tree]);
  const categoryTree = useMemo(() => categoryOptions(itemsOf(categories.data)), [categories.data]);

  const submit = async (values: FormValues) => {
    setSaving(true);
    setFormError(null);
    try {
      const registered = await petitionApi.register(toInput(values, files));
      rememberQueryCode(registered.id, registered.queryCode);
      setResult(registered);
    } catch (err) {
      showError(err, form);
      if (err instanceof Error) setFormError(err.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="anwen-page" data-testid="petition-register">
      <Typography.Title level={4} className="anwen-page-title">
        信访登记
      </Typography.Title>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'visit', urgency: 'normal', matterType: 'appeal', petitioners: [{}], visit: { batches: 1, persons: 1 }, receivedOn: today() }}
        scrollToFirstError
      >
        <Card size="small" title="来源" style={{ marginBottom: 16 }}>
          <Form.Item name="channel" label="信访渠道" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item
                name="receivedOn"
                label={channel === 'visit' ? '来访日期' : '收到日期'}
                rules={[{ required: true, message: '收到日期：请选择收到来信或接待来访的日期' }]}
                extra="受理期限自收到之日起计算；补录以前收到的，请选实际收到的日期"
              >
                <DatePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(today(), 'day')}
                  data-testid="received-on"
                  // Enter confirms a typed date; it must not also submit the half-filled form
                  onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
                />
              </Form.Item>
            </Col>
            {needsReason && (
              <Col xs={24} md={16}>
                <Form.Item
                  name="backdateReason"
                  label="补录说明"
                  rules={[{ required: true, whitespace: true, message: `补录说明：收到已超过 ${windowDays} 日，请说明为何现在才登记` }]}
                >
                  <Input maxLength={500} placeholder="例如：信件误投他处，今日转来" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <ChannelFields
            channel={channel}
            persons={persons}
            collectiveMin={intake.data?.collectiveMinPersons ?? Number.POSITIVE_INFINITY}
            representatives={intake.data ? { max: intake.data.representativesMax, source: intake.data.representativesSource } : undefined}
            petitionerNames={petitionerNames}
            receptionists={receptionists.data?.items}
          />
          <CounterFilesField channel={channel} files={files} onChange={setFiles} />
        </Card>

        <Card size="small" title="信访事项" style={{ marginBottom: 16 }}>
          <Form.Item
            name="matterType"
            label="事项类型"
            rules={[{ required: true }]}
            extra={matterType ? <span data-testid="matter-help">{MATTER_HELP[matterType]}</span> : undefined}
          >
            <Radio.Group options={(Object.keys(MATTER_LABELS) as MatterType[]).map((m) => ({ value: m, label: MATTER_LABELS[m] }))} />
          </Form.Item>
          {matterType === 'accusation' && (
            <Form.Item name="accusedUnitId" label="被反映单位" extra="检举控告件对被反映单位及其下级单位不可见。">
              <TreeSelect treeData={accusable} showSearch treeNodeFilterProp="title" allowClear loading={units.loading} placeholder="选择被反映单位（如有）" />
            </Form.Item>
          )}
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="category" label="问题分类" rules={[{ required: true, message: '请选择问题分类' }]}>
                <Cascader
                  options={categoryTree}
                  showSearch
                  placeholder="选择分类"
                  changeOnSelect={false}
                  notFoundContent={categories.error?.message ?? '暂无分类'}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="placeUnitId" label="问题属地" rules={[{ required: true, message: '请选择问题属地' }]}>
                <TreeSelect
                  treeData={places}
                  showSearch
                  treeNodeFilterProp="title"
                  loading={units.loading}
                  placeholder="乡镇（街道）或村（社区）"
                  treeDefaultExpandAll={false}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={200} showCount />
          </Form.Item>
          <Form.Item name="content" label="主要内容" rules={[{ required: true, whitespace: true, message: '请填写信访内容' }]}>
            <Input.TextArea rows={5} maxLength={10000} showCount />
          </Form.Item>
          <Space size={24} wrap>
            <Form.Item name="urgency" label="紧急程度">
              <Radio.Group
                options={[
                  { value: 'normal', label: '一般' },
                  { value: 'urgent', label: '紧急' },
                ]}
              />
            </Form.Item>
            <Form.Item name="skippedLevel" valuePropName="checked" label=" ">
              <Checkbox>越级（未向有权处理的本级机关提出）</Checkbox>
            </Form.Item>
            <Form.Item name="lawRelated" valuePropName="checked" label=" ">
              <Checkbox>涉法涉诉</Checkbox>
            </Form.Item>
          </Space>
        </Card>

        <Card size="small" title="信访人" style={{ marginBottom: 16 }}>
          {matterType && ANONYMOUS_ALLOWED.includes(matterType) && (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名（{MATTER_LABELS[matterType]}可匿名）</Checkbox>
            </Form.Item>
          )}
          {!isAnonymous && <PetitionersFields disabled={false} />}
          <RepeatCandidatesAlert items={candidates} />
        </Card>

        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="register-error" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            登记
          </Button>
          <Button onClick={() => navigate('/xf')}>返回列表</Button>
        </Space>
      </Form>
      <RegisteredModal
        result={result}
        onOpen={() => result && navigate(`/xf/${result.id}`)}
        onReceipt={() => result && navigate(`/xf/${result.id}/receipt`)}
        onAnother={() => {
          setResult(null);
          setFiles([]);
          form.resetFields();
        }}
      />
    </div>
  );
}
