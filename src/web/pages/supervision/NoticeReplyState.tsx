import { Tag } from 'antd';
import { shanghaiDay, type NoticeView } from './supervisionApi.ts';

/** 已回复 / 超期回复 / 超期未回复 / 待回复 of a 督办通知, by its reply limit. */
export function NoticeReplyState({ notice: n }: { notice: NoticeView }) {
  if (n.repliedAt) {
    const late = shanghaiDay(n.repliedAt) > n.replyDue;
    return (
      <Tag color={late ? 'orange' : 'green'} data-testid="notice-state">
        {late ? '超期回复' : '已回复'}
      </Tag>
    );
  }
  return n.overdue ? (
    <Tag color="red" data-testid="notice-state">
      超期未回复
    </Tag>
  ) : (
    <Tag color="blue" data-testid="notice-state">
      待回复（{n.replyDue}前）
    </Tag>
  );
}
