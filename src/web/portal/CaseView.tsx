import { useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Radio, Tag, Typography } from 'antd';
import { errorText, newIdempotencyKey, PortalError, portalApi, type CaseActionCode, type PortalCase } from './api.ts';

const RESULT_NAMES: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

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

/** What the citizen sees of their case: state, timeline, deadlines, documents, and what they may do now. */
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
      <Typography.Title level={3}>{c.title}</Typography.Title>
      <p className="portal-case-summary">
        <Tag color="blue" data-testid="case-state" data-state={c.state}>
          {c.stateName}
        </Tag>
        <span data-testid="case-handling-unit">承办单位：{c.handlingUnit}</span>
      </p>

      {/* what happened so far comes first: it is what the citizen came to read */}
      <Card size="small" title="办理经过" className="portal-card" data-testid="case-timeline">
        <ol className="portal-timeline">
          {c.timeline.map((t) => (
            <li key={t.at + t.text}>
              <div>{t.text}</div>
              <div className="portal-muted">{localTime(t.at)}</div>
            </li>
          ))}
        </ol>
      </Card>

      <Card size="small" title="答复文书" className="portal-card" data-testid="case-documents">
        {c.documents.length ? (
          <ul className="portal-doc-list">
            {c.documents.map((d, i) => (
              <li key={d.id}>
                <div>
                  <strong>{d.kindName}</strong> {d.title && d.title !== d.kindName ? d.title : null}
                </div>
                <div className="portal-muted">{localTime(d.issuedAt)}</div>
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
        {docError ? <Alert type="error" showIcon title={docError} role="alert" /> : null}
      </Card>

      {c.deadlines.length ? (
        <Card size="small" title="办理时限" className="portal-card" data-testid="case-deadlines">
          <ul>
            {c.deadlines.map((d) => (
              <li key={d.label + d.dueDate}>
                <strong>{d.label}</strong>
                {d.dueDate ? `：${d.dueDate} 前` : ''}
                {d.provisional ? (
                  <Tag color="orange" className="portal-provisional" title="该年度节假日安排尚未公布，公布后自动重算">
                    暂定
                  </Tag>
                ) : null}
                {d.ruleName ? (
                  <div className="portal-muted">
                    依据：{d.ruleName}
                    {d.source ? `（${d.source}）` : ''}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {c.evaluation ? (
        <Card size="small" title="我的评价" className="portal-card" data-testid="case-evaluation">
          <Tag color="green">{RESULT_NAMES[c.evaluation.result] ?? c.evaluation.result}</Tag>
          {c.evaluation.comment ? <span>{c.evaluation.comment}</span> : null}
          <div className="portal-muted">{localTime(c.evaluation.at)}</div>
        </Card>
      ) : null}

      {primaryActions.map((a) => (
        <ActionCard key={a.code} token={token} code={a.code} name={a.name} until={a.until} onDone={onChange} onExpired={onExpired} />
      ))}

      <Descriptions column={1} size="small" bordered className="portal-card" data-testid="case-details">
        <Descriptions.Item label="信访件编号">{c.caseNo}</Descriptions.Item>
        <Descriptions.Item label="事项类型">{c.matterTypeName}</Descriptions.Item>
        <Descriptions.Item label="收到时间">{localTime(c.receivedAt)}</Descriptions.Item>
      </Descriptions>

      {/* withdrawal ends the matter: out of the way, folded, and confirmed before it is sent */}
      {withdraw ? (
        <details className="portal-card portal-secondary" data-testid="withdraw-section">
          <summary>不再需要办理？{withdraw.name}</summary>
          <ActionCard token={token} code={withdraw.code} name={withdraw.name} onDone={onChange} onExpired={onExpired} />
        </details>
      ) : null}
      <Button onClick={onLeave} data-testid="track-leave">
        退出查询
      </Button>
    </div>
  );
}

function ActionCard(props: {
  token: string;
  code: CaseActionCode;
  name: string;
  until?: string;
  onDone: (c: PortalCase) => void;
  onExpired: (e: PortalError) => void;
}) {
  const { token, code, name, until, onDone, onExpired } = props;
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the same key on a retry of this form: a lost answer never records the action twice
  const key = useRef(newIdempotencyKey());

  const send = async () => {
    let values: Record<string, string>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v.trim()) body[k] = v.trim();
      const next = await portalApi.act(token, code, body, key.current);
      key.current = newIdempotencyKey();
      form.resetFields();
      onDone(next);
    } catch (e) {
      if (e instanceof PortalError && e.status === 401) onExpired(e);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const untilText = until ? `（截止 ${until}）` : '';
  return (
    <Card size="small" title={`${name}${untilText}`} className="portal-card" data-testid={`action-${code}`}>
      <Form form={form} layout="vertical" onFinish={code === 'withdraw' ? undefined : send}>
        {code === 'evaluate' ? (
          <>
            <Form.Item name="result" label="您对处理结果的评价" rules={[{ required: true, message: '请选择评价' }]}>
              <Radio.Group>
                <Radio value="satisfied">满意</Radio>
                <Radio value="basically_satisfied">基本满意</Radio>
                <Radio value="unsatisfied">不满意</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label="意见（可选）" rules={[{ max: 500, message: '最多 500 字' }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} showCount maxLength={500} />
            </Form.Item>
          </>
        ) : code === 'apply_review' ? (
          <>
            <Typography.Paragraph className="portal-muted">
              对处理意见不服的，可以请求上一级机关复查{until ? `，最后一天是 ${until}` : ''}。复查机关收到后 30 日内提出复查意见。
            </Typography.Paragraph>
            <Form.Item
              name="reason"
              label="复查理由"
              rules={[
                { required: true, whitespace: true, message: '请写明不服处理意见的理由' },
                { min: 5, message: '理由至少 5 个字' },
                { max: 2000, message: '最多 2000 字' },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} showCount maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label="撤回原因（可选）" rules={[{ max: 2000, message: '最多 2000 字' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} showCount maxLength={2000} />
          </Form.Item>
        )}
        {error ? <Alert type="error" showIcon className="portal-card" role="alert" title={error} data-testid={`action-error-${code}`} /> : null}
        {code === 'withdraw' ? (
          <Popconfirm title="撤回后本事项不再办理，确定撤回吗？" okText="确定撤回" cancelText="再想想" onConfirm={() => void send()}>
            <Button danger loading={busy} data-testid="action-submit-withdraw">
              {name}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="primary" htmlType="submit" loading={busy} data-testid={`action-submit-${code}`}>
            {code === 'evaluate' ? '提交评价' : '提交申请'}
          </Button>
        )}
      </Form>
    </Card>
  );
}
