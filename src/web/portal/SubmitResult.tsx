import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Typography } from 'antd';
import type { SubmitAnswer } from './api.ts';

/** The answer to a submission: the case number and the query code, big and copyable, and the deadlines. */
export function SubmitResult({ answer, onAnother }: { answer: SubmitAnswer; onAnother: () => void }) {
  const navigate = useNavigate();
  return (
    <>
      <Result status="success" title="提交成功" subTitle={answer.message} />
      <Card className="portal-card" data-testid="submit-result">
        <Alert type="warning" showIcon className="portal-card" title="请截图或抄写保存编号和查询码，查询进度时需要。查询码不会再次显示。" />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="信访件编号">
            <Typography.Text copyable={{ text: answer.caseNo }} className="portal-code" data-testid="case-no">
              {answer.caseNo}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="查询码">
            <Typography.Text copyable={{ text: answer.queryCode }} className="portal-code" data-testid="query-code">
              {answer.queryCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="收到时间">{new Date(answer.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Descriptions.Item>
        </Descriptions>
      </Card>
      {answer.deadlines.length ? (
        <Card className="portal-card" size="small" title="办理时限">
          <ul data-testid="submit-deadlines">
            {answer.deadlines.map((d) => (
              <li key={d.label + d.dueDate}>
                {d.label}
                {d.dueDate ? `：${d.dueDate} 前${d.provisional ? '（暂定）' : ''}` : ''}
                {d.ruleName ? `（${d.ruleName}）` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="portal-nav">
        <Button type="primary" onClick={() => navigate(`/track?caseNo=${encodeURIComponent(answer.caseNo)}`)}>
          查询办理进度
        </Button>
        <Button onClick={onAnother}>再提交一件</Button>
      </div>
    </>
  );
}
