import type { LegalRule } from '../api/types.ts';

const UNIT_WORDS: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };

/** A rule's limit as the law says it: 30日, 5个工作日, 6个月. */
export const limitText = (r: Pick<LegalRule, 'amount' | 'unit'>): string => `${r.amount}${UNIT_WORDS[r.unit] ?? '日'}`;

/**
 * Fills `{rule.key}` in a hint with that legal rule's limit (法定时限规则, GET /rules): the law is configuration,
 * so a hint never carries a number of days of its own. Until the rules arrive, or for a rule that does not exist,
 * the placeholder reads 规定期限.
 */
export function fillLimits(text: string, rules: readonly LegalRule[] | undefined): string {
  return text.replace(/\{([a-z][a-z0-9_.]*)\}/g, (_, key: string) => {
    const rule = rules?.find((r) => r.key === key);
    return rule ? limitText(rule) : '规定期限';
  });
}
