import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorText, portalApi, type Captcha } from './api.ts';

/**
 * The offline human check: an SVG from our own server shown as an <img> (a data: URL, so the SVG's
 * markup is never put into the page), an input for the answer and a refresh button.
 */
export function CaptchaField(props: {
  id: string;
  value?: string;
  onChange?: (value: string) => void;
  onCaptcha: (captcha: Captcha | null) => void;
  refreshSignal: number;
}) {
  const { onCaptcha, refreshSignal, onChange } = props;
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the form's onChange may be a new function each render: read the latest without re-creating refresh
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const refresh = useCallback(() => {
    setError(null);
    onChangeRef.current?.('');
    portalApi.captcha().then(
      (c) => {
        setCaptcha(c);
        onCaptcha(c);
      },
      (e: unknown) => {
        setCaptcha(null);
        onCaptcha(null);
        setError(errorText(e));
      },
    );
  }, [onCaptcha]);
  useEffect(refresh, [refresh, refreshSignal]);
  return (
    <div className="portal-captcha">
      {captcha ? (
        <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`} alt="验证码图片（看不清可点“换一张”）" data-testid="captcha-image" />
      ) : (
        <span className="portal-muted">{error ?? '正在加载验证码…'}</span>
      )}
      <Button icon={<ReloadOutlined />} onClick={refresh} aria-label="换一张验证码">
        换一张
      </Button>
      <Input
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange?.(e.target.value)}
        autoComplete="off"
        inputMode="text"
        style={{ width: 140 }}
        placeholder="图中答案"
      />
    </div>
  );
}
