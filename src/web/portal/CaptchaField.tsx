import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText, portalApi, type Captcha } from './api.ts';
import { solvePow } from './pow.ts';
import { Button, RequiredMark } from './ui.tsx';

/** A challenge and its proof of work, which the page computes from the moment the challenge arrives. */
export interface SolvingCaptcha {
  challenge: Captcha;
  /** the nonce, once found (the form awaits it on 提交) */
  nonce: Promise<string>;
}

/**
 * The offline human check: a PNG of digits from our own server (pixels only: nothing in the page names the digits),
 * an input for them, a refresh button — and, while the citizen reads and types, a proof of work the browser computes
 * (about a second on a phone). For a citizen who cannot see the picture, the accessible kind has no picture and no
 * digits to type, only more work and a stricter limit per address; it is offered by a button the screen reader reads.
 */
export function CaptchaField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onCaptcha: (captcha: SolvingCaptcha | null) => void;
  refreshSignal: number;
  error?: string | null;
}) {
  const { onCaptcha, refreshSignal, onChange, id, error: fieldError } = props;
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [accessible, setAccessible] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [work, setWork] = useState<'working' | 'done' | 'failed'>('working');
  // the parent's onChange may be a new function each render: read the latest without re-creating refresh
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const running = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    running.current?.abort();
    const control = new AbortController();
    running.current = control;
    setError(null);
    setWork('working');
    onChangeRef.current('');
    onCaptcha(null);
    portalApi.captcha(accessible).then(
      (c) => {
        if (control.signal.aborted) return;
        const nonce = solvePow(c.id, c.pow.bits, { signal: control.signal });
        nonce.then(
          () => !control.signal.aborted && setWork('done'),
          () => !control.signal.aborted && setWork('failed'),
        );
        setCaptcha(c);
        onCaptcha({ challenge: c, nonce });
      },
      (e: unknown) => {
        if (control.signal.aborted) return;
        setCaptcha(null);
        setError(errorText(e));
      },
    );
  }, [onCaptcha, accessible]);
  useEffect(refresh, [refresh, refreshSignal]);
  useEffect(() => () => running.current?.abort(), []);

  const status =
    work === 'done'
      ? '安全校验已完成'
      : work === 'failed'
        ? '安全校验未完成，请点“换一张”'
        : accessible
          ? '正在进行安全校验（约需数秒）…'
          : '正在进行安全校验…';
  return (
    <div className={`portal-field portal-captcha-field${fieldError ? ' portal-field-invalid' : ''}`}>
      {accessible ? (
        <div className="portal-label">验证码</div>
      ) : (
        <div className="portal-label">
          <label htmlFor={id}>验证码</label>
          <RequiredMark />
        </div>
      )}
      <div className="portal-captcha">
        {/* the accessible kind shows no picture, not even the previous one while its own challenge is on its way */}
        {captcha?.image && !accessible ? (
          <img
            src={captcha.image}
            alt={`验证码图片：请输入图中的 ${captcha.answerLength} 位数字。看不清可点“换一张”，使用读屏软件请选“无障碍验证”`}
            data-testid="captcha-image"
          />
        ) : captcha || (accessible && !error) ? null : (
          <span className="portal-muted">{error ?? '正在加载验证码…'}</span>
        )}
        {!accessible && (
          <>
            <input
              id={id}
              className="portal-input portal-captcha-input"
              value={props.value}
              onChange={(e) => onChange(e.target.value)}
              autoComplete="off"
              inputMode="numeric"
              maxLength={captcha?.answerLength || 8}
              placeholder="图中数字"
              aria-invalid={fieldError ? true : undefined}
              aria-required
              aria-describedby={fieldError ? `${id}-error` : undefined}
            />
            <Button onClick={refresh} aria-label="换一张验证码">
              换一张
            </Button>
          </>
        )}
      </div>
      {accessible && (
        <p className="portal-muted" data-testid="captcha-accessible">
          无障碍验证：无需看图或输入验证码，浏览器会自动完成一次安全计算后即可提交。为防止滥用，每个网络地址每小时最多使用 6 次。
        </p>
      )}
      {fieldError && !accessible ? (
        <div id={`${id}-error`} className="portal-field-error" role="alert">
          {fieldError}
        </div>
      ) : null}
      <div className="portal-captcha-status" data-testid="captcha-status">
        <span className="portal-muted" role="status" aria-live="polite">
          {status}
        </span>
        <Button kind="link" onClick={() => setAccessible(!accessible)} data-testid="captcha-mode">
          {accessible ? '改用图片验证码' : '看不清或使用读屏软件？改用无障碍验证'}
        </Button>
      </div>
    </div>
  );
}
