import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Card, Cascader, Checkbox, Form, Input, Radio, Steps, Switch, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import {
  ATTACHMENT_URL,
  errorText,
  newIdempotencyKey,
  PortalError,
  portalApi,
  type Guidance,
  type MatterType,
  type SubmitAnswer,
  type TreeOption,
} from './api.ts';
import { useMeta } from './meta.tsx';
import { isValidIdNumber, isValidPhone } from '../../shared/id-phone.ts';
import { CaptchaField, type SolvingCaptcha } from './CaptchaField.tsx';
import { SubmitResult } from './SubmitResult.tsx';

interface FormValues {
  matterType?: MatterType;
  place?: number[];
  category?: number[];
  title?: string;
  content?: string;
  anonymous?: boolean;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  consent?: boolean;
  captchaAnswer?: string;
}

const STEP_TITLES = ['事项', '诉求', '信访人', '提交'];

/** The form controls a step's first field is looked for among (a switch is a button with role="switch"). */
const FIELD_SELECTOR = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [role="switch"]';

const STEP_FIELDS: (keyof FormValues)[][] = [
  ['matterType'],
  ['place', 'category', 'title', 'content'],
  ['anonymous', 'name', 'idNumber', 'phone', 'address'],
  ['consent', 'captchaAnswer'],
];

/** The server names a body field; the form field that shows it. */
const FIELD_OF: Record<string, keyof FormValues> = {
  matterType: 'matterType',
  placeUnitId: 'place',
  categoryId: 'category',
  title: 'title',
  content: 'content',
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  address: 'address',
  consent: 'consent',
  captcha: 'captchaAnswer',
};

// the server's own rules (pure functions), so the form refuses exactly what the server would
const idRule = {
  validator: (_: unknown, v?: string) =>
    !v?.trim() || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error('身份证号不正确，请核对 18 位号码（末位可为 X）')),
};
const phoneRule = {
  validator: (_: unknown, v?: string) => (!v?.trim() || isValidPhone(v) ? Promise.resolve() : Promise.reject(new Error('手机号不正确，请填写 11 位手机号'))),
};

function toCascader(items: TreeOption[]): { value: number; label: string; children?: ReturnType<typeof toCascader> }[] {
  return items.map((i) => ({ value: i.id, label: i.name, children: i.children?.length ? toCascader(i.children) : undefined }));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** 我要信访: four steps in one form, so going back never loses what was typed. */
export function SubmitPage() {
  const { meta, reload: reloadMeta } = useMeta();
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [places, setPlaces] = useState<TreeOption[]>([]);
  const [categories, setCategories] = useState<TreeOption[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [clientFileError, setClientFileError] = useState<string | null>(null);
  const [guidance, setGuidance] = useState<Guidance | null>(null);
  const [captcha, setCaptcha] = useState<SolvingCaptcha | null>(null);
  const [captchaRefresh, setCaptchaRefresh] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<PortalError | string | null>(null);
  const [answer, setAnswer] = useState<SubmitAnswer | null>(null);
  // one key per form: a retry after a lost answer sends the same key, so the server never creates a second petition
  const idempotencyKey = useRef(newIdempotencyKey());
  // each step's box, and whether the citizen has moved between steps (the first step is not focused on arrival)
  const stepBoxes = useRef<(HTMLDivElement | null)[]>([]);
  const moved = useRef(false);

  // keyboard and screen-reader users land on the new step's first field, not at the foot of the page
  useEffect(() => {
    if (!moved.current) return;
    const first = stepBoxes.current[step]?.querySelector<HTMLElement>(FIELD_SELECTOR);
    first?.focus();
  }, [step]);

  const matterType = Form.useWatch('matterType', form);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const matter = meta?.matterTypes.find((m) => m.code === matterType);
  const anonymousAllowed = matter?.anonymousAllowed ?? false;

  useEffect(() => {
    Promise.all([portalApi.places(), portalApi.categories()]).then(
      ([p, c]) => {
        setPlaces(p.items);
        setCategories(c.items);
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    if (!anonymousAllowed && anonymous) form.setFieldValue('anonymous', false);
  }, [anonymousAllowed, anonymous, form]);

  const onCaptcha = useCallback(
    (c: SolvingCaptcha | null) => {
      setCaptcha(c);
      // a new challenge starts with an empty answer, not with the previous one's complaint
      if (c) form.setFields([{ name: 'captchaAnswer', errors: [] }]);
    },
    [form],
  );

  if (!meta) return null;
  const { limits } = meta;

  const loadGuidance = () => {
    const v = form.getFieldsValue(true) as FormValues;
    if (!v.matterType) return;
    setGuidance(null);
    portalApi
      .guidance({
        matterType: v.matterType,
        categoryId: v.category?.at(-1),
        title: v.title ?? '',
        content: v.content ?? '',
        idNumber: v.anonymous ? undefined : v.idNumber || undefined,
        phone: v.anonymous ? undefined : v.phone || undefined,
      })
      .then(setGuidance, () => setGuidance({ legalRoute: null, openCases: [] }));
  };

  const goTo = (to: number) => {
    moved.current = true;
    setStep(to);
  };

  /** After a refused step: focus the first field the form complains about, so its message is read out. */
  const focusFirstError = (e: unknown) => {
    const name = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name;
    if (name) form.scrollToField(name, { focus: true, block: 'center' });
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
    } catch (e) {
      focusFirstError(e);
      return;
    }
    if (step === 1 && files.some((f) => f.status === 'uploading')) {
      setClientFileError('附件还在上传，请稍候再点“下一步”');
      return;
    }
    const to = step + 1;
    if (to === 3) loadGuidance();
    window.scrollTo(0, 0);
    goTo(to);
  };

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch (e) {
      focusFirstError(e);
      return;
    }
    if (!captcha) {
      setSubmitError('验证码没有加载，请点“换一张”');
      return;
    }
    const anon = anonymousAllowed && !!v.anonymous;
    setSubmitting(true);
    setSubmitError(null);
    try {
      // the proof of work started when the captcha arrived: usually done by now
      let nonce: string;
      try {
        nonce = await captcha.nonce;
      } catch {
        setSubmitError('安全校验未完成，请点“换一张”后重新提交');
        return;
      }
      const result = await portalApi.submit(
        {
          matterType: v.matterType!,
          categoryId: v.category!.at(-1)!,
          placeUnitId: v.place!.at(-1)!,
          title: v.title!.trim(),
          content: v.content!.trim(),
          anonymous: anon,
          ...(anon
            ? {}
            : {
                name: v.name?.trim() || undefined,
                idNumber: v.idNumber?.trim() || undefined,
                phone: v.phone?.trim() || undefined,
                address: v.address?.trim() || undefined,
              }),
          attachments: files.filter((f) => f.status === 'done').map((f) => (f.response as { token: string }).token),
          consent: true,
          noticeVersion: meta.noticeVersion,
          captcha: { id: captcha.challenge.id, answer: captcha.challenge.accessible ? '' : (v.captchaAnswer ?? '').trim(), nonce },
        },
        idempotencyKey.current,
      );
      setAnswer(result);
      window.scrollTo(0, 0);
    } catch (e) {
      const err = e instanceof PortalError ? e : null;
      setSubmitError(err ?? errorText(e));
      // the captcha is single use: any answer from the server used it up; a network failure may not have
      if (!err?.isNetwork) setCaptchaRefresh((n) => n + 1);
      // the notice changed since the page loaded: show the new one and ask for consent again
      if (err?.code === 'PORTAL_NOTICE_OUTDATED') {
        reloadMeta();
        form.setFieldValue('consent', false);
      }
      const field = err?.field ? FIELD_OF[err.field.split('.')[0] ?? ''] : undefined;
      if (field && err) {
        form.setFields([{ name: field, errors: [err.message] }]);
        const stepOf = STEP_FIELDS.findIndex((s) => s.includes(field));
        if (stepOf >= 0 && stepOf !== 3) goTo(stepOf);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const restart = () => {
    form.resetFields();
    setFiles([]);
    setGuidance(null);
    setSubmitError(null);
    setAnswer(null);
    setStep(0);
    idempotencyKey.current = newIdempotencyKey();
    setCaptchaRefresh((n) => n + 1);
  };

  const onEnter = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || target.tagName !== 'INPUT') return;
    e.preventDefault();
    if (target.closest('.ant-select, .ant-cascader') || submitting) return;
    if (step < 3) void next();
    else void submit();
  };

  if (answer) return <SubmitResult answer={answer} onAnother={restart} />;

  const uploadErrors = files.filter((f) => f.status === 'error');
  const acceptText = limits.accept.map((t) => (t === 'application/pdf' ? 'PDF' : t === 'image/png' ? 'PNG' : t === 'image/jpeg' ? 'JPG' : t)).join('、');

  return (
    <>
      <Typography.Title level={3}>我要信访</Typography.Title>
      <Steps
        className="portal-steps"
        size="small"
        current={step}
        responsive={false}
        titlePlacement="vertical"
        items={STEP_TITLES.map((title) => ({ title }))}
      />
      <p className="portal-sr-only" aria-live="polite" data-testid="step-announce">
        第 {step + 1} 步（共 {STEP_TITLES.length} 步）：{STEP_TITLES[step]}
      </p>
      {loadError ? <Alert type="error" showIcon title={loadError} className="portal-card" /> : null}
      {/* Enter in a text field moves to the next step (or submits on the last), never submits unseen steps */}
      <div onKeyDown={onEnter}>
        <Form<FormValues> form={form} layout="vertical" requiredMark initialValues={{ anonymous: false }}>
          <div
            hidden={step !== 0}
            ref={(el) => {
              stepBoxes.current[0] = el;
            }}
            data-testid="step-0"
            className="portal-matter"
          >
            <Form.Item name="matterType" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
              <Radio.Group>
                {meta.matterTypes.map((m) => (
                  <Radio key={m.code} value={m.code}>
                    <span data-testid={`matter-${m.code}`}>
                      <strong>{m.name}</strong> {m.anonymousAllowed ? <Tag color="green">可匿名</Tag> : <Tag>需实名</Tag>}
                      <span className="portal-muted" style={{ display: 'block' }}>
                        {m.explain}
                      </span>
                    </span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Typography.Paragraph className="portal-muted">
              属于诉讼、仲裁、行政复议等法定途径解决的事项，请先阅读
              <a href="/portal/guide" target="_blank" rel="noopener">
                办事指南（新窗口打开，已填内容不丢失）
              </a>
              。
            </Typography.Paragraph>
          </div>

          <div
            hidden={step !== 1}
            ref={(el) => {
              stepBoxes.current[1] = el;
            }}
            data-testid="step-1"
          >
            <Form.Item name="place" label="问题属地（乡镇/街道 → 村/社区）" rules={[{ required: true, message: '请选择问题发生在哪个乡镇或街道' }]}>
              <Cascader options={toCascader(places)} changeOnSelect placeholder="请选择" showSearch />
            </Form.Item>
            <Form.Item name="category" label="问题分类" rules={[{ required: true, message: '请选择问题分类' }]}>
              <Cascader options={toCascader(categories)} placeholder="请选择" showSearch />
            </Form.Item>
            <Form.Item
              name="title"
              label="标题"
              rules={[
                { required: true, whitespace: true, message: '请用一句话概括您的诉求' },
                { min: 2, message: '标题至少 2 个字' },
                { max: limits.titleMax, message: `标题最多 ${limits.titleMax} 字` },
              ]}
            >
              <Input showCount maxLength={limits.titleMax} placeholder="一句话概括诉求" />
            </Form.Item>
            <Form.Item
              name="content"
              label="具体内容"
              rules={[
                { required: true, whitespace: true, message: '请写明事情经过和您的具体请求' },
                { min: 5, message: '内容太短，请至少写 5 个字' },
                { max: limits.contentMax, message: `内容最多 ${limits.contentMax} 字` },
              ]}
            >
              <Input.TextArea
                showCount
                maxLength={limits.contentMax}
                autoSize={{ minRows: 5, maxRows: 12 }}
                placeholder="时间、地点、经过，以及您希望怎样解决"
              />
            </Form.Item>
            <Form.Item label="附件（可选）" extra={`最多 ${limits.maxFiles} 个，每个不超过 ${formatBytes(limits.maxFileBytes)}，支持 ${acceptText}`}>
              <Upload
                action={ATTACHMENT_URL}
                name="file"
                accept={limits.accept.join(',')}
                fileList={files}
                withCredentials={false}
                maxCount={limits.maxFiles}
                onChange={({ fileList }) => setFiles(fileList)}
                beforeUpload={(file, batch) => {
                  setClientFileError(null);
                  if (!limits.accept.includes(file.type)) {
                    setClientFileError(`“${file.name}”的格式不支持，请上传 ${acceptText} 文件`);
                    return Upload.LIST_IGNORE;
                  }
                  if (file.size > limits.maxFileBytes) {
                    setClientFileError(`“${file.name}”超过 ${formatBytes(limits.maxFileBytes)}，请压缩后再上传`);
                    return Upload.LIST_IGNORE;
                  }
                  if (files.length + batch.indexOf(file) >= limits.maxFiles) {
                    setClientFileError(`最多上传 ${limits.maxFiles} 个附件`);
                    return Upload.LIST_IGNORE;
                  }
                  return true;
                }}
              >
                <Button icon={<UploadOutlined />} disabled={files.length >= limits.maxFiles}>
                  选择文件
                </Button>
              </Upload>
              {clientFileError || uploadErrors.length ? (
                <ul className="portal-upload-errors" role="alert" data-testid="upload-errors">
                  {clientFileError ? <li>{clientFileError}</li> : null}
                  {uploadErrors.map((f) => (
                    <li key={f.uid}>
                      {f.name}：{(f.response as { message?: string } | undefined)?.message ?? '上传失败，请重试'}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Form.Item>
          </div>

          <div
            hidden={step !== 2}
            ref={(el) => {
              stepBoxes.current[2] = el;
            }}
            data-testid="step-2"
          >
            {anonymousAllowed ? (
              <Form.Item
                name="anonymous"
                label="匿名提交"
                valuePropName="checked"
                extra="匿名提交时不填写个人信息，凭编号和查询码查询；无法通过短信收到进度通知。"
              >
                <Switch checkedChildren="匿名" unCheckedChildren="实名" />
              </Form.Item>
            ) : (
              <Alert type="info" showIcon className="portal-card" title={`${matter?.name ?? '此类事项'}需要实名提交，请填写姓名和手机号。`} />
            )}
            {anonymousAllowed && anonymous ? null : (
              <>
                <Form.Item
                  name="name"
                  label="姓名"
                  rules={[
                    { required: true, whitespace: true, message: '请填写姓名' },
                    { max: 50, message: '姓名太长' },
                  ]}
                >
                  <Input autoComplete="name" />
                </Form.Item>
                <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请填写手机号' }, phoneRule]}>
                  <Input inputMode="tel" autoComplete="tel" maxLength={11} />
                </Form.Item>
                <Form.Item name="idNumber" label="身份证号（可选）" rules={[idRule]}>
                  <Input autoComplete="off" maxLength={18} />
                </Form.Item>
                <Form.Item name="address" label="联系地址（可选）" rules={[{ max: 200, message: '地址太长' }]}>
                  <Input autoComplete="street-address" />
                </Form.Item>
                <Typography.Paragraph className="portal-muted">您的个人信息加密保存，只用于办理本信访事项。</Typography.Paragraph>
              </>
            )}
          </div>

          <div
            hidden={step !== 3}
            ref={(el) => {
              stepBoxes.current[3] = el;
            }}
            data-testid="step-3"
          >
            <Card size="small" title="提交前提示" className="portal-card" data-testid="guidance">
              {guidance === null ? (
                <span className="portal-muted">正在核对…</span>
              ) : (
                <>
                  {guidance.legalRoute ? (
                    <Alert
                      type="warning"
                      showIcon
                      title={guidance.legalRoute.title}
                      description={guidance.legalRoute.text}
                      className="portal-card"
                      data-testid="legal-route"
                    />
                  ) : null}
                  {guidance.openCases.length ? (
                    <Alert
                      type="info"
                      showIcon
                      className="portal-card"
                      data-testid="open-cases"
                      title="您已有正在办理的信访事项"
                      description={
                        <>
                          <ul>
                            {guidance.openCases.map((c) => (
                              <li key={c.caseNoTail}>
                                编号尾号 {c.caseNoTail}，{c.receivedDate} 收到，{c.stateName}
                              </li>
                            ))}
                          </ul>
                          同一事项请通过“查询办理进度”跟进，不必重复提交。
                        </>
                      }
                    />
                  ) : null}
                  {!guidance.legalRoute && !guidance.openCases.length ? <span>未发现需要提示的情况，可以提交。</span> : null}
                </>
              )}
            </Card>
            <Card size="small" title="个人信息处理告知" className="portal-card">
              <div className="portal-notice" tabIndex={0} data-testid="notice">
                {meta.notice}
              </div>
            </Card>
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意个人信息处理告知'))) }]}
            >
              <Checkbox>我已阅读并同意《个人信息处理告知》</Checkbox>
            </Form.Item>
            <Form.Item
              name="captchaAnswer"
              label="验证码"
              rules={[{ required: !captcha?.challenge.accessible, whitespace: true, message: '请填写图中的数字' }]}
            >
              <CaptchaField id="captchaAnswer" onCaptcha={onCaptcha} refreshSignal={captchaRefresh} />
            </Form.Item>
            {submitError ? (
              <Alert
                type="error"
                showIcon
                className="portal-card"
                role="alert"
                data-testid="submit-error"
                title={typeof submitError === 'string' ? submitError : errorText(submitError)}
              />
            ) : null}
          </div>

          <div className="portal-nav">
            {step > 0 ? <Button onClick={() => goTo(step - 1)}>上一步</Button> : <span />}
            {step < 3 ? (
              <Button type="primary" onClick={next}>
                下一步
              </Button>
            ) : (
              <Button type="primary" onClick={submit} loading={submitting} data-testid="submit">
                {submitError instanceof PortalError && submitError.isNetwork ? '重试提交' : '提交'}
              </Button>
            )}
          </div>
        </Form>
      </div>
    </>
  );
}
