import { Typography } from 'antd';
import { ruleApi } from '../../api/endpoints.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { limitText } from '../../hooks/legalLimits.ts';
import { shanghaiDay } from './supervisionApi.ts';

/** The rule the server computes a 督办通知's reply limit with (督办通知回复期限). */
const NOTICE_REPLY_RULE = 'xf.supervise.reply';

/**
 * 回复期限 of a 督办通知 issued today, as the server will compute it: from the legal rule (the law is
 * configuration: an administrator's change shows here at once), with the rule's name and source.
 */
export function NoticeReplyLimit() {
  const preview = useAsync(() => ruleApi.preview(NOTICE_REPLY_RULE, shanghaiDay(new Date().toISOString())), []);
  const p = preview.data;
  return (
    <Typography.Text type="secondary" data-testid="notice-reply-limit">
      {p
        ? `回复期限：${p.dueDate ?? '待定'}${p.provisional ? '（暂定）' : ''}，按“${p.rule.name}”${limitText(p.rule)}计算（${p.rule.source}）。`
        : preview.error
          ? '回复期限按“督办通知回复期限”规则自动计算。'
          : '正在计算回复期限…'}
    </Typography.Text>
  );
}
