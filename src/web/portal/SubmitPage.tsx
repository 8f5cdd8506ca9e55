import { useCallback, useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import {
  ATTACHMENT_URL,
  errorText,
  newIdempotencyKey,
  PortalError,
  portalApi,
  type Guidance,
  type MatterType,
  type PortalMeta,
  type SubmitAnswer,
  type TreeOption,
  type UploadedFile,
} from './api.ts';
import { useMeta } from './meta.tsx';
import { isValidIdNumber, isValidPhone } from '../../shared/id-phone.ts';
import { CaptchaField, type SolvingCaptcha } from './CaptchaField.tsx';
import { SubmitResult } from './SubmitResult.tsx';
import { WithMeta } from './PortalLayout.tsx';
import { Button, describedBy, Field, Notice, RequiredMark, Section, Tag } from './ui.tsx';

interface FormValues {
  matterType: MatterType | '';
  town: string;
  village: string;
  categoryGroup: string;
  category: string;
  title: string;
  content: string;
  anonymous: boolean;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  consent: boolean;
  captchaAnswer: string;
}
type FieldName = keyof FormValues;
type Errors = Partial<Record<FieldName, string>>;

const EMPTY: FormValues = {
  matterType: '',
  town: '',
  village: '',
  categoryGroup: '',
  category: '',
  title: '',
  content: '',
  anonymous: false,
  name: '',
  idNumber: '',
  phone: '',
  address: '',
  consent: false,
  captchaAnswer: '',
};

const STEP_TITLES = ['事项', '诉求', '信访人', '提交'];

/** The form controls a step's first field is looked for among. */
const FIELD_SELECTOR = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [role="switch"]';

const STEP_FIELDS: FieldName[][] = [
  ['matterType'],
  ['town', 'village', 'categoryGroup', 'category', 'title', 'content'],
  ['anonymous', 'name', 'phone', 'idNumber', 'address'],
  ['consent', 'captchaAnswer'],
];

/** The server names a body field; the form field that shows it. */
const FIELD_OF: Record<string, FieldName> = {
  matterType: 'matterType',
  placeUnitId: 'town',
  categoryId: 'categoryGroup',
  title: 'title',
  content: 'content',
  anonymous: 'anonymous',
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  address: 'address',
  consent: 'consent',
  captcha: 'captchaAnswer',
};

/** The fields marked required (a star for the eye, aria-required for a screen reader). */
const REQUIRED = new Set<FieldName>(['town', 'categoryGroup', 'category', 'title', 'content', 'name', 'phone']);

/** The element that carries a field's id (a radio group is focused on its first radio). */
const FOCUS_ID: Partial<Record<FieldName, string>> = { matterType: 'matterType-0' };

interface UploadItem {
  uid: string;
  name: string;
  status: 'uploading' | 'done' | 'error';
  token?: string;
  message?: string;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

const len = (s: string) => [...s.trim()].length;

/** Each field's check, in zh-CN; the ID number and phone by the server's own rules, so the form refuses what it would. */
function check(
  field: FieldName,
  v: FormValues,
  ctx: { meta: PortalMeta; categories: TreeOption[]; anonymousAllowed: boolean; accessible: boolean },
): string | null {
  const { limits } = ctx.meta;
  const named = !(ctx.anonymousAllowed && v.anonymous);
  switch (field) {
    case 'matterType':
      return v.matterType ? null : '请选择事项类型';
    case 'town':
      return v.town ? null : '请选择问题发生在哪个乡镇或街道';
    case 'categoryGroup':
      return v.categoryGroup ? null : '请选择问题分类';
    case 'category': {
      const group = ctx.categories.find((c) => String(c.id) === v.categoryGroup);
      return group?.children?.length && !v.category ? '请选择具体类别' : null;
    }
    case 'title':
      if (!v.title.trim()) return '请用一句话概括您的诉求';
      if (len(v.title) < 2) return '标题至少 2 个字';
      return len(v.title) > limits.titleMax ? `标题最多 ${limits.titleMax} 字` : null;
    case 'content':
      if (!v.content.trim()) return '请写明事情经过和您的具体请求';
      if (len(v.content) < 5) return '内容太短，请至少写 5 个字';
      return len(v.content) > limits.contentMax ? `内容最多 ${limits.contentMax} 字` : null;
    case 'name':
      if (!named) return null;
      if (!v.name.trim()) return '请填写姓名';
      return len(v.name) > 50 ? '姓名太长' : null;
    case 'phone':
      if (!named) return null;
      if (!v.phone.trim()) return '请填写手机号';
      return isValidPhone(v.phone) ? null : '手机号不正确，请填写 11 位手机号';
    case 'idNumber':
      return !named || !v.idNumber.trim() || isValidIdNumber(v.idNumber) ? null : '身份证号不正确，请核对 18 位号码（末位可为 X）';
    case 'address':
      return named && len(v.address) > 200 ? '地址太长' : null;
    case 'consent':
      return v.consent ? null : '请阅读并同意个人信息处理告知';
    case 'captchaAnswer':
      return ctx.accessible || v.captchaAnswer.trim() ? null : '请填写图中的数字';
    default:
      return null;
  }
}

/** 我要信访: four steps in one form, so going back never loses what was typed. */
export function SubmitPage() {
  return <WithMeta>{(meta) => <SubmitForm meta={meta} />}</WithMeta>;
}

function SubmitForm({ meta }: { meta: PortalMeta }) {
  const { reload: reloadMeta } = useMeta();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState(0);
  const [places, setPlaces] = useState<TreeOption[]>([]);
  const [categories, setCategories] = useState<TreeOption[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadItem[]>([]);
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
  const [reachedLast, setReachedLast] = useState(false);

  const matter = meta.matterTypes.find((m) => m.code === values.matterType);
  const anonymousAllowed = matter?.anonymousAllowed ?? false;
  const anonymous = anonymousAllowed && values.anonymous;
  const accessible = captcha?.challenge.accessible ?? false;
  const ctx = { meta, categories, anonymousAllowed, accessible };
  const { limits } = meta;

  // keyboard and screen-reader users land on the new step's first field, not at the foot of the page
  useEffect(() => {
    if (!moved.current) return;
    stepBoxes.current[step]?.querySelector<HTMLElement>(FIELD_SELECTOR)?.focus();
  }, [step]);

  useEffect(() => {
    Promise.all([portalApi.places(), portalApi.categories()]).then(
      ([p, c]) => {
        setPlaces(p.items);
        setCategories(c.items);
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
  }, []);

  const onCaptcha = useCallback((c: SolvingCaptcha | null) => {
    setCaptcha(c);
    // a new challenge starts with an empty answer, not with the previous one's complaint
    if (c) setErrors((e) => ({ ...e, captchaAnswer: undefined }));
  }, []);
  const setCaptchaAnswer = useCallback((answer: string) => {
    setValues((v) => ({ ...v, captchaAnswer: answer }));
    // the complaint goes once something is typed (an empty answer is complained about again on 提交)
    if (answer.trim()) setErrors((e) => (e.captchaAnswer ? { ...e, captchaAnswer: undefined } : e));
  }, []);

  /** Sets a field; its complaint goes once it is right (checked again as the citizen corrects it). */
  const set = <K extends FieldName>(field: K, value: FormValues[K], also: Partial<FormValues> = {}) => {
    const next = { ...values, ...also, [field]: value };
    setValues(next);
    if (errors[field]) setErrors((e) => ({ ...e, [field]: check(field, next, ctx) ?? undefined }));
  };

  /** Checks fields; shows every complaint and focuses the first field in error (its message is read out). */
  const validate = (fields: FieldName[]): boolean => {
    const found: Errors = {};
    for (const f of fields) {
      const message = check(f, values, ctx);
      if (message) found[f] = message;
    }
    setErrors((e) => {
      const next = { ...e };
      for (const f of fields) next[f] = found[f];
      return next;
    });
    const first = fields.find((f) => found[f]);
    if (first) {
      const el = document.getElementById(FOCUS_ID[first] ?? first);
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
      return false;
    }
    return true;
  };

  const loadGuidance = () => {
    if (!values.matterType) return;
    setGuidance(null);
    const categoryId = Number(values.category || values.categoryGroup) || undefined;
    portalApi
      .guidance({
        matterType: values.matterType,
        categoryId,
        title: values.title,
        content: values.content,
        idNumber: anonymous ? undefined : values.idNumber.trim() || undefined,
        phone: anonymous ? undefined : values.phone.trim() || undefined,
      })
      .then(setGuidance, () => setGuidance({ legalRoute: null, openCases: [] }));
  };

  const goTo = (to: number) => {
    moved.current = true;
    if (to === 3) setReachedLast(true);
    setStep(to);
  };

  const next = () => {
    if (!validate(STEP_FIELDS[step]!)) return;
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
    for (const [i, fields] of STEP_FIELDS.entries()) {
      if (i < 3 && fields.some((f) => check(f, values, ctx))) {
        goTo(i);
        return;
      }
    }
    if (!validate(STEP_FIELDS[3]!)) return;
    if (!captcha) {
      setSubmitError('验证码没有加载，请点“换一张”');
      return;
    }
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
          matterType: values.matterType as MatterType,
          categoryId: Number(values.category || values.categoryGroup),
          placeUnitId: Number(values.village || values.town),
          title: values.title.trim(),
          content: values.content.trim(),
          anonymous,
          ...(anonymous
            ? {}
            : {
                name: values.name.trim() || undefined,
                idNumber: values.idNumber.trim() || undefined,
                phone: values.phone.trim() || undefined,
                address: values.address.trim() || undefined,
              }),
          attachments: files.flatMap((f) => (f.status === 'done' && f.token ? [f.token] : [])),
          consent: true,
          noticeVersion: meta.noticeVersion,
          captcha: { id: captcha.challenge.id, answer: captcha.challenge.accessible ? '' : values.captchaAnswer.trim(), nonce },
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
        setValues((v) => ({ ...v, consent: false }));
      }
      const field = err?.field ? FIELD_OF[err.field.split('.')[0] ?? ''] : undefined;
      if (field && err) {
        setErrors((x) => ({ ...x, [field]: err.message }));
        const stepOf = STEP_FIELDS.findIndex((s) => s.includes(field));
        if (stepOf >= 0 && stepOf !== 3) goTo(stepOf);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const restart = () => {
    setValues(EMPTY);
    setErrors({});
    setFiles([]);
    setGuidance(null);
    setSubmitError(null);
    setAnswer(null);
    setStep(0);
    setReachedLast(false);
    setCaptcha(null);
    idempotencyKey.current = newIdempotencyKey();
    setCaptchaRefresh((n) => n + 1);
  };

  // Enter in a one-line field moves to the next step (or submits on the last), never submits unseen steps
  const onEnter = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || target.tagName !== 'INPUT' || (target as HTMLInputElement).type === 'file') return;
    e.preventDefault();
    if (submitting) return;
    if (step < 3) next();
    else void submit();
  };

  const acceptText = limits.accept.map((t) => (t === 'application/pdf' ? 'PDF' : t === 'image/png' ? 'PNG' : t === 'image/jpeg' ? 'JPG' : t)).join('、');

  const upload = (file: File) => {
    const uid = `${Date.now()}-${Math.random()}`;
    setFiles((fs) => [...fs, { uid, name: file.name, status: 'uploading' }]);
    const body = new FormData();
    body.append('file', file);
    const settle = (patch: Partial<UploadItem>) => setFiles((fs) => fs.map((f) => (f.uid === uid ? { ...f, ...patch } : f)));
    fetch(ATTACHMENT_URL, { method: 'POST', body, credentials: 'omit', headers: { accept: 'application/json' } })
      .then(async (r) => {
        const json = (await r.json().catch(() => ({}))) as Partial<UploadedFile> & { message?: string };
        if (r.ok && json.token) settle({ status: 'done', token: json.token });
        else settle({ status: 'error', message: json.message ?? '上传失败，请重试' });
      })
      .catch(() => settle({ status: 'error', message: '网络连接失败，请重试' }));
  };

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(e.target.files ?? []);
    e.target.value = ''; // the same file may be chosen again after a failure
    setClientFileError(null);
    let count = files.filter((f) => f.status !== 'error').length;
    for (const file of chosen) {
      if (!limits.accept.includes(file.type)) {
        setClientFileError(`“${file.name}”的格式不支持，请上传 ${acceptText} 文件`);
        continue;
      }
      if (file.size > limits.maxFileBytes) {
        setClientFileError(`“${file.name}”超过 ${formatBytes(limits.maxFileBytes)}，请压缩后再上传`);
        continue;
      }
      if (count >= limits.maxFiles) {
        setClientFileError(`最多上传 ${limits.maxFiles} 个附件`);
        break;
      }
      count++;
      upload(file);
    }
  };

  if (answer) return <SubmitResult answer={answer} onAnother={restart} />;

  const town = places.find((p) => String(p.id) === values.town);
  const group = categories.find((c) => String(c.id) === values.categoryGroup);
  const uploadErrors = files.filter((f) => f.status === 'error');
  const kept = files.filter((f) => f.status !== 'error');
  const aria = (f: FieldName, hint = false) => describedBy(f, { hint, error: errors[f], required: REQUIRED.has(f) });

  return (
    <>
      <h1 className="portal-title">我要信访</h1>
      <ol className="portal-steps" aria-label="填写步骤">
        {STEP_TITLES.map((title, i) => (
          <li
            key={title}
            className={i === step ? 'portal-step-current' : i < step ? 'portal-step-done' : undefined}
            aria-current={i === step ? 'step' : undefined}
          >
            <span className="portal-step-no" aria-hidden="true">
              {i < step ? '✓' : i + 1}
            </span>
            <span className="portal-step-title">{title}</span>
          </li>
        ))}
      </ol>
      <p className="portal-sr-only" aria-live="polite" data-testid="step-announce">
        第 {step + 1} 步（共 {STEP_TITLES.length} 步）：{STEP_TITLES[step]}
      </p>
      {loadError ? <Notice kind="error" title={loadError} /> : null}
      <div onKeyDown={onEnter}>
        <form noValidate onSubmit={(e) => e.preventDefault()} aria-label="我要信访">
          <div
            hidden={step !== 0}
            ref={(el) => {
              stepBoxes.current[0] = el;
            }}
            data-testid="step-0"
          >
            <fieldset
              className={`portal-fieldset${errors.matterType ? ' portal-field-invalid' : ''}`}
              aria-describedby={errors.matterType ? 'matterType-error' : undefined}
            >
              <legend className="portal-label">
                事项类型
                <RequiredMark />
              </legend>
              <div className="portal-choices">
                {meta.matterTypes.map((m, i) => (
                  <label key={m.code} className="portal-choice" data-testid={`matter-${m.code}`}>
                    <input
                      type="radio"
                      name="matterType"
                      id={`matterType-${i}`}
                      value={m.code}
                      checked={values.matterType === m.code}
                      onChange={() => set('matterType', m.code, m.anonymousAllowed ? {} : { anonymous: false })}
                    />
                    <span>
                      <strong>{m.name}</strong> {m.anonymousAllowed ? <Tag color="green">可匿名</Tag> : <Tag>需实名</Tag>}
                      <span className="portal-muted portal-choice-explain">{m.explain}</span>
                    </span>
                  </label>
                ))}
              </div>
              {errors.matterType ? (
                <div id="matterType-error" className="portal-field-error" role="alert">
                  {errors.matterType}
                </div>
              ) : null}
            </fieldset>
            <p className="portal-muted">
              属于诉讼、仲裁、行政复议等法定途径解决的事项，请先阅读
              <a href="/portal/guide" target="_blank" rel="noopener">
                办事指南（新窗口打开，已填内容不丢失）
              </a>
              。
            </p>
          </div>

          <div
            hidden={step !== 1}
            ref={(el) => {
              stepBoxes.current[1] = el;
            }}
            data-testid="step-1"
          >
            <Field id="town" label="问题属地：乡镇/街道" required error={errors.town}>
              <select className="portal-input" {...aria('town')} value={values.town} onChange={(e) => set('town', e.target.value, { village: '' })}>
                <option value="">请选择</option>
                {places.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            {town?.children?.length ? (
              <Field id="village" label="村/社区（可选）" error={errors.village}>
                <select className="portal-input" {...aria('village')} value={values.village} onChange={(e) => set('village', e.target.value)}>
                  <option value="">不选（问题涉及整个乡镇/街道）</option>
                  {town.children.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field id="categoryGroup" label="问题分类" required error={errors.categoryGroup}>
              <select
                className="portal-input"
                {...aria('categoryGroup')}
                value={values.categoryGroup}
                onChange={(e) => set('categoryGroup', e.target.value, { category: '' })}
              >
                <option value="">请选择</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            {group?.children?.length ? (
              <Field id="category" label="具体类别" required error={errors.category}>
                <select className="portal-input" {...aria('category')} value={values.category} onChange={(e) => set('category', e.target.value)}>
                  <option value="">请选择</option>
                  {group.children.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field id="title" label="标题" required error={errors.title} extra={`${len(values.title)} / ${limits.titleMax}`}>
              <input
                className="portal-input"
                {...aria('title')}
                value={values.title}
                maxLength={limits.titleMax}
                placeholder="一句话概括诉求"
                onChange={(e) => set('title', e.target.value)}
              />
            </Field>
            <Field id="content" label="具体内容" required error={errors.content} extra={`${len(values.content)} / ${limits.contentMax}`}>
              <textarea
                className="portal-input portal-textarea"
                {...aria('content')}
                value={values.content}
                maxLength={limits.contentMax}
                rows={6}
                placeholder="时间、地点、经过，以及您希望怎样解决"
                onChange={(e) => set('content', e.target.value)}
              />
            </Field>
            <div className="portal-field">
              <span className="portal-label" id="attachments-label">
                附件（可选）
              </span>
              <label className={`portal-button portal-file${kept.length >= limits.maxFiles ? ' portal-file-full' : ''}`}>
                <input
                  type="file"
                  className="portal-sr-only"
                  accept={limits.accept.join(',')}
                  multiple
                  disabled={kept.length >= limits.maxFiles}
                  onChange={onFiles}
                  aria-labelledby="attachments-label attachments-choose"
                  aria-describedby="attachments-hint"
                />
                <span id="attachments-choose">选择文件</span>
              </label>
              <div id="attachments-hint" className="portal-muted">
                最多 {limits.maxFiles} 个，每个不超过 {formatBytes(limits.maxFileBytes)}，支持 {acceptText}
              </div>
              {kept.length ? (
                <ul className="portal-file-list" data-testid="upload-list">
                  {kept.map((f) => (
                    <li key={f.uid} className={`portal-file-item portal-file-${f.status}`} data-status={f.status}>
                      <span className="portal-file-name">{f.name}</span>
                      <span className="portal-muted">{f.status === 'uploading' ? '正在上传…' : '已上传'}</span>
                      <Button kind="link" aria-label={`删除文件：${f.name}`} onClick={() => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}>
                        删除
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
              {clientFileError || uploadErrors.length ? (
                <ul className="portal-upload-errors" role="alert" data-testid="upload-errors">
                  {clientFileError ? <li>{clientFileError}</li> : null}
                  {uploadErrors.map((f) => (
                    <li key={f.uid}>
                      {f.name}：{f.message ?? '上传失败，请重试'}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </div>

          <div
            hidden={step !== 2}
            ref={(el) => {
              stepBoxes.current[2] = el;
            }}
            data-testid="step-2"
          >
            {anonymousAllowed ? (
              <div className="portal-field">
                <label className="portal-switch">
                  <input
                    type="checkbox"
                    role="switch"
                    id="anonymous"
                    checked={values.anonymous}
                    onChange={(e) => set('anonymous', e.target.checked)}
                    aria-describedby="anonymous-hint"
                  />
                  <span className="portal-switch-track" aria-hidden="true" />
                  <span>匿名提交</span>
                </label>
                <div id="anonymous-hint" className="portal-muted">
                  匿名提交时不填写个人信息，凭编号和查询码查询；无法通过短信收到进度通知。
                </div>
              </div>
            ) : (
              <Notice kind="info" title={`${matter?.name ?? '此类事项'}需要实名提交，请填写姓名和手机号。`} />
            )}
            {anonymous ? null : (
              <>
                <Field id="name" label="姓名" required error={errors.name}>
                  <input className="portal-input" {...aria('name')} autoComplete="name" value={values.name} onChange={(e) => set('name', e.target.value)} />
                </Field>
                <Field id="phone" label="手机号" required error={errors.phone}>
                  <input
                    className="portal-input"
                    {...aria('phone')}
                    type="tel"
                    inputMode="tel"
                    autoComplete="tel"
                    maxLength={11}
                    value={values.phone}
                    onChange={(e) => set('phone', e.target.value)}
                  />
                </Field>
                <Field id="idNumber" label="身份证号（可选）" error={errors.idNumber}>
                  <input
                    className="portal-input"
                    {...aria('idNumber')}
                    autoComplete="off"
                    maxLength={18}
                    value={values.idNumber}
                    onChange={(e) => set('idNumber', e.target.value)}
                  />
                </Field>
                <Field id="address" label="联系地址（可选）" error={errors.address}>
                  <input
                    className="portal-input"
                    {...aria('address')}
                    autoComplete="street-address"
                    maxLength={200}
                    value={values.address}
                    onChange={(e) => set('address', e.target.value)}
                  />
                </Field>
                <p className="portal-muted">您的个人信息加密保存，只用于办理本信访事项。</p>
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
            <Section title="提交前提示" testId="guidance">
              {guidance === null ? (
                <span className="portal-muted">正在核对…</span>
              ) : (
                <>
                  {guidance.legalRoute ? (
                    <Notice kind="warning" title={guidance.legalRoute.title} testId="legal-route">
                      {guidance.legalRoute.text}
                    </Notice>
                  ) : null}
                  {guidance.openCases.length ? (
                    <Notice kind="info" title="您已有正在办理的信访事项" testId="open-cases">
                      <ul>
                        {guidance.openCases.map((c) => (
                          <li key={c.caseNoTail}>
                            编号尾号 {c.caseNoTail}，{c.receivedDate} 收到，{c.stateName}
                          </li>
                        ))}
                      </ul>
                      同一事项请通过“查询办理进度”跟进，不必重复提交。
                    </Notice>
                  ) : null}
                  {!guidance.legalRoute && !guidance.openCases.length ? <span>未发现需要提示的情况，可以提交。</span> : null}
                </>
              )}
            </Section>
            <Section title="个人信息处理告知">
              <div className="portal-notice" tabIndex={0} data-testid="notice" role="region" aria-label="个人信息处理告知全文">
                {meta.notice}
              </div>
            </Section>
            <div className={`portal-field${errors.consent ? ' portal-field-invalid' : ''}`}>
              <label className="portal-check">
                <input
                  type="checkbox"
                  id="consent"
                  checked={values.consent}
                  onChange={(e) => set('consent', e.target.checked)}
                  aria-invalid={errors.consent ? true : undefined}
                  aria-describedby={errors.consent ? 'consent-error' : undefined}
                />
                <span>我已阅读并同意《个人信息处理告知》</span>
              </label>
              {errors.consent ? (
                <div id="consent-error" className="portal-field-error" role="alert">
                  {errors.consent}
                </div>
              ) : null}
            </div>
            {/* asked for on reaching this step, not with the page: no captcha request and no proof of work while the
                first steps are typed on a slow phone, and no challenge running out of its 10 minutes meanwhile */}
            {reachedLast ? (
              <CaptchaField
                id="captchaAnswer"
                value={values.captchaAnswer}
                onChange={setCaptchaAnswer}
                onCaptcha={onCaptcha}
                refreshSignal={captchaRefresh}
                error={errors.captchaAnswer}
              />
            ) : null}
            {submitError ? <Notice kind="error" testId="submit-error" title={typeof submitError === 'string' ? submitError : errorText(submitError)} /> : null}
          </div>

          <div className="portal-nav">
            {step > 0 ? <Button onClick={() => goTo(step - 1)}>上一步</Button> : <span />}
            {step < 3 ? (
              <Button kind="primary" onClick={next}>
                下一步
              </Button>
            ) : (
              <Button kind="primary" onClick={() => void submit()} busy={submitting} data-testid="submit">
                {submitting ? '正在提交…' : submitError instanceof PortalError && submitError.isNetwork ? '重试提交' : '提交'}
              </Button>
            )}
          </div>
        </form>
      </div>
    </>
  );
}
