import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText, newIdempotencyKey, PortalError, portalApi, type CaseAction, type PortalCase } from './api.ts';
import { useMeta } from './meta.tsx';
import { Button, describedBy, Field, Notice, RequiredMark, Provisional, Section, Tag } from './ui.tsx';

function localTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // a date (e.g. the day of an evaluation), no time to show
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

interface Props {
  token: string;
  value: PortalCase;
  onChange: (c: PortalCase) => void;
  /** the token ran out (30 min) or was refused: ask for the codes again */
  onExpired: (e: PortalError) => void;
  onLeave: () => void;
}

/** What the citizen sees of their case: state, timeline, documents, deadlines, and what they may do now. */
export function CaseView({ token, value: c, onChange, onExpired, onLeave }: Props) {
  const [docError, setDocError] = useState<string | null>(null);

  const download = async (id: number | string, title: string) => {
    setDocError(null);
    try {
      const blob = await portalApi.document(token, id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${title}.docx`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      if (e instanceof PortalError && e.status === 401) onExpired(e);
      else setDocError(errorText(e));
    }
  };

  const primaryActions = c.actions.filter((a) => a.code !== 'withdraw');
  const withdraw = c.actions.find((a) => a.code === 'withdraw');
  return (
    <div data-testid="portal-case">
      <h1 className="portal-title">{c.title}</h1>
      <p className="portal-case-summary">
        <Tag color="blue" testId="case-state" state={c.state}>
          {c.stateName}
        </Tag>
        <span data-testid="case-handling-unit">承办单位：{c.handlingUnit}</span>
      </p>

      {/* what happened so far comes first: it is what the citizen came to read */}
      <Section title="办理经过" testId="case-timeline">
        <ol className="portal-timeline">
          {c.timeline.map((t) => (
            <li key={t.at + t.text}>
              <div>{t.text}</div>
              <div className="portal-muted">{localTime(t.at)}</div>
            </li>
          ))}
        </ol>
      </Section>

      <Section title="告知书与答复" testId="case-documents">
        {c.documents.length ? (
          <ul className="portal-doc-list">
            {c.documents.map((d, i) => (
              <li key={d.id}>
                <div>
                  <strong>{d.kindName}</strong> {d.title && d.title !== d.kindName ? d.title : null}
                </div>
                <div className="portal-muted">
                  {d.number ? `${d.number} · ` : null}
                  {localTime(d.issuedAt)}
                </div>
                {d.paragraphs.length ? (
                  <details open={i === c.documents.length - 1} data-testid={`document-text-${d.id}`}>
                    <summary>阅读全文</summary>
                    <div className="portal-reply-text">
                      {d.paragraphs.map((p, n) => (
                        <p key={n}>{p}</p>
                      ))}
                    </div>
                  </details>
                ) : null}
                <Button onClick={() => void download(d.id, d.title || d.kindName)} data-testid={`document-${d.id}`}>
                  下载 Word 文件
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <span className="portal-muted">暂无文书。</span>
        )}
        {docError ? <Notice kind="error" title={docError} /> : null}
      </Section>

      {c.deadlines.length ? (
        <Section title="办理时限" testId="case-deadlines">
          <ul className="portal-deadlines">
            {c.deadlines.map((d) => (
              <li key={d.label + d.dueDate}>
                <strong>{d.label}</strong>
                {d.dueDate ? `：${d.dueDate} 前` : ''}
                {d.provisional ? <Provisional reason={d.provisionalReason} /> : null}
                {d.ruleName ? (
                  <div className="portal-muted">
                    依据：{d.ruleName}
                    {d.source ? `（${d.source}）` : ''}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {c.evaluation ? (
        <Section title="我的评价" testId="case-evaluation">
          <Tag color="green">{c.evaluation.resultName}</Tag> {c.evaluation.comment ? <span>{c.evaluation.comment}</span> : null}
          <div className="portal-muted">{localTime(c.evaluation.at)}</div>
        </Section>
      ) : null}

      {primaryActions.map((a) => (
        <ActionCard key={a.code} token={token} action={a} onDone={onChange} onExpired={onExpired} />
      ))}

      <Section testId="case-details">
        <dl className="portal-details">
          <dt>信访件编号</dt>
          <dd>{c.caseNo}</dd>
          <dt>事项类型</dt>
          <dd>{c.matterTypeName}</dd>
          <dt>收到时间</dt>
          <dd>{localTime(c.receivedAt)}</dd>
        </dl>
      </Section>

      {/* withdrawal ends the matter: out of the way, folded, and confirmed before it is sent */}
      {withdraw ? (
        <details className="portal-secondary" data-testid="withdraw-section">
          <summary>不再需要办理？{withdraw.name}</summary>
          <ActionCard token={token} action={withdraw} onDone={onChange} onExpired={onExpired} />
        </details>
      ) : null}
      <Button onClick={onLeave} data-testid="track-leave">
        退出查询
      </Button>
    </div>
  );
}

type ActionValues = { result: string; comment: string; reason: string };

/** The checks of each action's form, in zh-CN (the server checks the same and answers in the same words). */
function check(code: CaseAction['code'], v: ActionValues): Partial<Record<keyof ActionValues, string>> {
  const size = (s: string) => [...s.trim()].length;
  if (code === 'evaluate') {
    return {
      ...(v.result ? {} : { result: '请选择评价' }),
      ...(size(v.comment) > 500 ? { comment: '最多 500 字' } : {}),
    };
  }
  if (code === 'apply_review') {
    if (!v.reason.trim()) return { reason: '请写明不服处理意见的理由' };
    if (size(v.reason) < 5) return { reason: '理由至少 5 个字' };
    return size(v.reason) > 2000 ? { reason: '最多 2000 字' } : {};
  }
  if (!v.reason.trim()) return { reason: '请写明撤回的原因' };
  return size(v.reason) > 2000 ? { reason: '最多 2000 字' } : {};
}

function ActionCard(props: { token: string; action: CaseAction; onDone: (c: PortalCase) => void; onExpired: (e: PortalError) => void }) {
  const { token, action, onDone, onExpired } = props;
  const { code, name, until } = action;
  const { meta } = useMeta();
  const empty: ActionValues = { result: '', comment: '', reason: '' };
  const [values, setValues] = useState<ActionValues>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof ActionValues, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // the same key on a retry of this form: a lost answer never records the action twice
  const key = useRef(newIdempotencyKey());
  const keepButton = useRef<HTMLButtonElement | null>(null);
  const askButton = useRef<HTMLButtonElement | null>(null);
  const fieldId = (f: string) => `${code}-${f}`;

  // the confirmation opens on its safe answer (再想想); closing it gives the focus back to the button that asked
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      keepButton.current?.focus();
    } else if (asked.current) {
      asked.current = false;
      askButton.current?.focus();
    }
  }, [confirming]);

  const set = (f: keyof ActionValues, value: string) => {
    const next = { ...values, [f]: value };
    setValues(next);
    if (errors[f]) setErrors(check(code, next));
  };

  const valid = (): boolean => {
    const found = check(code, values);
    setErrors(found);
    const first = (['result', 'comment', 'reason'] as const).find((f) => found[f]);
    if (first) document.getElementById(fieldId(first === 'result' ? 'result-0' : first))?.focus();
    return !first;
  };

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) if (v.trim()) body[k] = v.trim();
      const next = await portalApi.act(token, code, body, key.current);
      key.current = newIdempotencyKey();
      setValues(empty);
      onDone(next);
    } catch (e) {
      if (e instanceof PortalError && e.status === 401) onExpired(e);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid()) return;
    if (code === 'withdraw') setConfirming(true);
    else void send();
  };

  const untilText = until ? `（截止 ${until}）` : '';
  const aria = (f: keyof ActionValues) => describedBy(fieldId(f), { error: errors[f], required: f === 'reason' });
  return (
    <Section title={`${name}${untilText}`} testId={`action-${code}`}>
      <form noValidate onSubmit={onSubmit} aria-label={name}>
        {code === 'evaluate' ? (
          <>
            <fieldset className={`portal-fieldset${errors.result ? ' portal-field-invalid' : ''}`}>
              <legend className="portal-label">
                您对处理结果的评价
                <RequiredMark />
              </legend>
              <div className="portal-choices portal-choices-inline">
                {(action.choices ?? []).map((choice, i) => (
                  <label key={choice.value} className="portal-choice">
                    <input
                      type="radio"
                      name={fieldId('result')}
                      id={fieldId(`result-${i}`)}
                      value={choice.value}
                      checked={values.result === choice.value}
                      onChange={() => set('result', choice.value)}
                    />
                    <span>{choice.name}</span>
                  </label>
                ))}
              </div>
              {errors.result ? (
                <div className="portal-field-error" role="alert">
                  {errors.result}
                </div>
              ) : null}
            </fieldset>
            <Field id={fieldId('comment')} label="意见（可选）" error={errors.comment} extra={`${[...values.comment].length} / 500`}>
              <textarea
                className="portal-input portal-textarea"
                {...aria('comment')}
                rows={3}
                maxLength={500}
                value={values.comment}
                onChange={(e) => set('comment', e.target.value)}
              />
            </Field>
          </>
        ) : code === 'apply_review' ? (
          <>
            <p className="portal-muted">
              对处理意见不服的，可以请求上一级机关复查{until ? `，最后一天是 ${until}` : ''}。
              {meta ? `复查机关收到后 ${meta.reviewAnswerDays} 日内提出复查意见。` : null}
            </p>
            <Field id={fieldId('reason')} label="复查理由" required error={errors.reason} extra={`${[...values.reason].length} / 2000`}>
              <textarea
                className="portal-input portal-textarea"
                {...aria('reason')}
                rows={4}
                maxLength={2000}
                value={values.reason}
                onChange={(e) => set('reason', e.target.value)}
              />
            </Field>
          </>
        ) : (
          <Field id={fieldId('reason')} label="撤回原因" required error={errors.reason} extra={`${[...values.reason].length} / 2000`}>
            <textarea
              className="portal-input portal-textarea"
              {...aria('reason')}
              rows={3}
              maxLength={2000}
              value={values.reason}
              onChange={(e) => set('reason', e.target.value)}
            />
          </Field>
        )}
        {error ? <Notice kind="error" title={error} testId={`action-error-${code}`} /> : null}
        {code === 'withdraw' && confirming ? (
          <div className="portal-confirm" role="alertdialog" aria-labelledby="withdraw-confirm-text" data-testid="withdraw-confirm">
            <p id="withdraw-confirm-text">撤回后本事项不再办理，确定撤回吗？</p>
            <div className="portal-nav">
              <Button onClick={() => setConfirming(false)} buttonRef={keepButton} data-testid="withdraw-confirm-cancel">
                再想想
              </Button>
              <Button kind="danger" busy={busy} data-testid="withdraw-confirm-ok" onClick={() => void send().finally(() => setConfirming(false))}>
                确定撤回
              </Button>
            </div>
          </div>
        ) : (
          <Button kind={code === 'withdraw' ? 'danger' : 'primary'} type="submit" busy={busy} data-testid={`action-submit-${code}`} buttonRef={askButton}>
            {code === 'evaluate' ? '提交评价' : code === 'apply_review' ? '提交申请' : name}
          </Button>
        )}
      </form>
    </Section>
  );
}
