import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SubmitAnswer } from './api.ts';
import { Button, Notice, Provisional, Section } from './ui.tsx';

/** A copy button where the browser allows it (the clipboard exists on https and on this machine only). */
function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  if (typeof navigator === 'undefined' || !navigator.clipboard) return null;
  return (
    <Button
      kind="link"
      aria-label={`复制${what}`}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? '已复制' : '复制'}
    </Button>
  );
}

/** The answer to a submission: the case number and the query code, big and copyable, and the deadlines (暂定). */
export function SubmitResult({ answer, onAnother }: { answer: SubmitAnswer; onAnother: () => void }) {
  const navigate = useNavigate();
  return (
    <>
      <div className="portal-result" role="status">
        <span className="portal-result-icon" aria-hidden="true">
          ✓
        </span>
        <h1 className="portal-title">提交成功</h1>
        <p className="portal-muted">{answer.message}</p>
      </div>
      <Section testId="submit-result">
        <Notice kind="warning" title="请截图或抄写保存编号和查询码，查询进度时需要。查询码不会再次显示。" />
        <dl className="portal-details portal-details-stack">
          <dt>信访件编号</dt>
          <dd>
            <span className="portal-code" data-testid="case-no">
              {answer.caseNo}
            </span>
            <CopyButton text={answer.caseNo} what="信访件编号" />
          </dd>
          <dt>查询码</dt>
          <dd>
            <span className="portal-code" data-testid="query-code">
              {answer.queryCode}
            </span>
            <CopyButton text={answer.queryCode} what="查询码" />
          </dd>
          <dt>收到时间</dt>
          <dd>{new Date(answer.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</dd>
        </dl>
      </Section>
      {answer.deadlines.length ? (
        <Section title="办理时限">
          <ul className="portal-deadlines" data-testid="submit-deadlines">
            {answer.deadlines.map((d) => (
              <li key={d.label + d.dueDate}>
                <strong>{d.label}</strong>
                {d.dueDate ? `：${d.dueDate} 前` : ''}
                {d.provisional ? <Provisional reason={d.provisionalReason} /> : null}
                {d.ruleName ? <div className="portal-muted">依据：{d.ruleName}</div> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <div className="portal-nav">
        <Button kind="primary" onClick={() => navigate(`/track?caseNo=${encodeURIComponent(answer.caseNo)}`)}>
          查询办理进度
        </Button>
        <Button onClick={onAnother}>再提交一件</Button>
      </div>
    </>
  );
}
