import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input, Spin, Typography } from 'antd';
import { errorText, PortalError, portalApi, type PortalCase } from './api.ts';
import { CaseView } from './CaseView.tsx';

const TOKEN_KEY = 'anwen.portal.trackToken';

interface TrackValues {
  caseNo: string;
  queryCode: string;
  phoneTail?: string;
}

/**
 * 查询办理进度: case number + query code (+ the phone's last 4 digits) → an opaque 30-minute token kept in
 * sessionStorage only (gone when the tab closes), with which the case is read and acted on.
 */
export function TrackPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<TrackValues>();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
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
        sessionStorage.removeItem(TOKEN_KEY);
        setToken(null);
      })
      .finally(() => setBusy(false));
  }, [token, view]);

  const track = async (v: TrackValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await portalApi.track({ caseNo: v.caseNo.trim(), queryCode: v.queryCode.trim(), phoneTail: v.phoneTail?.trim() || undefined });
      sessionStorage.setItem(TOKEN_KEY, r.token);
      setToken(r.token);
      setView(r.case);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const leave = () => {
    sessionStorage.removeItem(TOKEN_KEY);
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
  if (token && busy) {
    return (
      <div className="portal-loading">
        <Spin />
      </div>
    );
  }

  return (
    <>
      <Typography.Title level={3}>查询办理进度</Typography.Title>
      <Form<TrackValues> form={form} layout="vertical" onFinish={track} initialValues={{ caseNo: params.get('caseNo') ?? '' }}>
        <Form.Item name="caseNo" label="信访件编号" rules={[{ required: true, whitespace: true, message: '请填写信访件编号' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="queryCode" label="查询码" rules={[{ required: true, whitespace: true, message: '请填写提交时获得的查询码' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phoneTail"
          label="手机号后4位"
          extra="实名提交的请填写；匿名提交的可不填"
          rules={[{ pattern: /^\d{4}$/, message: '请填写手机号的最后 4 位数字' }]}
        >
          <Input inputMode="numeric" maxLength={4} autoComplete="off" />
        </Form.Item>
        {error ? <Alert type="error" showIcon className="portal-card" role="alert" data-testid="track-error" title={error} /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          查询
        </Button>
      </Form>
    </>
  );
}
