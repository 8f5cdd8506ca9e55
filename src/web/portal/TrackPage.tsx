import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorText, PortalError, portalApi, type PortalCase } from './api.ts';
import { CaseView } from './CaseView.tsx';
import { PortalLoading } from './PortalLayout.tsx';
import { Button, describedBy, Field, Notice } from './ui.tsx';

const TOKEN_KEY = 'anwen.portal.trackToken';

type TrackField = 'caseNo' | 'queryCode' | 'phoneTail';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
function keepToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage refused: the token lives in this page only
  }
}

function check(field: TrackField, v: Record<TrackField, string>): string | null {
  if (field === 'caseNo') return v.caseNo.trim() ? null : '请填写信访件编号';
  if (field === 'queryCode') return v.queryCode.trim() ? null : '请填写提交时获得的查询码';
  return !v.phoneTail.trim() || /^\d{4}$/.test(v.phoneTail.trim()) ? null : '请填写手机号的最后 4 位数字';
}

/**
 * 查询办理进度: case number + query code (+ the phone's last 4 digits) → an opaque 30-minute token kept in
 * sessionStorage only (gone when the tab closes), with which the case is read and acted on. Needs no /portal/meta.
 */
export function TrackPage() {
  const [params] = useSearchParams();
  const [values, setValues] = useState<Record<TrackField, string>>({ caseNo: params.get('caseNo') ?? '', queryCode: '', phoneTail: '' });
  const [errors, setErrors] = useState<Partial<Record<TrackField, string | null>>>({});
  const [token, setToken] = useState<string | null>(readToken);
  const [view, setView] = useState<PortalCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // back from a refresh: the token still in this tab reads the case again; an expired one asks for the codes
  useEffect(() => {
    if (!token || view) return;
    setBusy(true);
    portalApi
      .caseView(token)
      .then(setView, () => {
        keepToken(null);
        setToken(null);
      })
      .finally(() => setBusy(false));
  }, [token, view]);

  const set = (field: TrackField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (errors[field]) setErrors((e) => ({ ...e, [field]: check(field, next) }));
  };

  const track = async (e: FormEvent) => {
    e.preventDefault();
    const found = { caseNo: check('caseNo', values), queryCode: check('queryCode', values), phoneTail: check('phoneTail', values) };
    setErrors(found);
    const first = (['caseNo', 'queryCode', 'phoneTail'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await portalApi.track({ caseNo: values.caseNo.trim(), queryCode: values.queryCode.trim(), phoneTail: values.phoneTail.trim() || undefined });
      keepToken(r.token);
      setToken(r.token);
      setView(r.case);
      window.scrollTo(0, 0);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const leave = () => {
    keepToken(null);
    setToken(null);
    setView(null);
  };

  if (token && view) {
    return (
      <CaseView
        token={token}
        value={view}
        onChange={setView}
        onExpired={(e: PortalError) => {
          leave();
          setError(e.message);
        }}
        onLeave={leave}
      />
    );
  }
  if (token && busy) return <PortalLoading />;

  const aria = (f: TrackField, hint = false) => describedBy(f, { hint, error: errors[f], required: f !== 'phoneTail' });
  return (
    <>
      <h1 className="portal-title">查询办理进度</h1>
      <form noValidate onSubmit={(e) => void track(e)} aria-label="查询办理进度">
        <Field id="caseNo" label="信访件编号" required error={errors.caseNo}>
          <input className="portal-input" {...aria('caseNo')} autoComplete="off" value={values.caseNo} onChange={(e) => set('caseNo', e.target.value)} />
        </Field>
        <Field id="queryCode" label="查询码" required error={errors.queryCode}>
          <input
            className="portal-input"
            {...aria('queryCode')}
            autoComplete="off"
            value={values.queryCode}
            onChange={(e) => set('queryCode', e.target.value)}
          />
        </Field>
        <Field id="phoneTail" label="手机号后4位" hint="实名提交的请填写；匿名提交的可不填" error={errors.phoneTail}>
          <input
            className="portal-input"
            {...aria('phoneTail', true)}
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            value={values.phoneTail}
            onChange={(e) => set('phoneTail', e.target.value)}
          />
        </Field>
        {error ? <Notice kind="error" testId="track-error" title={error} /> : null}
        <Button kind="primary" type="submit" block busy={busy}>
          查询
        </Button>
      </form>
    </>
  );
}
