import { Alert, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RepeatCandidate } from '../../api/petitions.ts';
import { petitionStateLabel, shanghaiDay, STAGE_LABELS } from './labels.ts';
import { labelOf } from '../../labels.ts';

/** "可能为重复信访" with the earlier cases, each opening in a new tab so the form keeps its input. */
export function RepeatCandidatesAlert({ items }: { items: RepeatCandidate[] }) {
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="repeat-candidates"
      title="可能为重复信访"
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            该信访人此前已有以下信访事项。若反映的是同一问题，登记后系统会标记为重复信访并关联最早的事项。
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={items}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/xf/${c.id}`} target="_blank">
                    {c.caseNo}
                  </Link>
                  {c.stage !== 'initial' && <Tag color="purple">{labelOf(STAGE_LABELS, c.stage)}</Tag>}
                  <span>{c.title}</span>
                  <Tag>{petitionStateLabel(c.state)}</Tag>
                  <Typography.Text type="secondary">{shanghaiDay(c.receivedAt)}</Typography.Text>
                  <Typography.Text type="secondary">相似度 {Math.round(c.similarity * 100)}%</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
