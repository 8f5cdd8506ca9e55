import type { TimelineEntry } from '../workitems/workItemApi.ts';
import type { PetitionDeadline } from '../../api/petitions.ts';
import { petitionStateLabel } from './labels.ts';

/** The petition chain's audit actions in zh-CN (the kernel timeline shows unknown actions as their code). */
const ACTION_ZH: Record<string, string> = {
  register: '登记',
  accept: '受理',
  reject: '不予受理',
  transfer: '转送',
  assign: '交办',
  object: '退回（异议）',
  decide_objection: '处理退回',
  progress: '办理进展',
  extend: '延期',
  reply: '出具处理意见书',
  deliver: '送达',
  evaluate: '满意度评价',
  apply_review: '申请复查/复核',
  close: '办结',
  refuse_again: '不再受理',
  review_open: '复查/复核立案',
  chain: '关联事项状态变更',
};

const FIELD_ZH: Record<string, string> = { state: '状态', caseNo: '编号', stage: '阶段', note: '说明', reason: '理由' };

/** "state：registered → assigned" becomes "状态：已登记 → 已交办"; raw JSON parts are left out. */
function readableDetail(detail: string): string {
  return detail
    .split('；')
    .filter((part) => !part.includes('{') && !part.includes('['))
    .map((part) => {
      const m = /^(\w+)：(.*)$/.exec(part);
      if (!m) return part;
      const [, key, rest] = m as unknown as [string, string, string];
      const value = key === 'state' ? rest.split(' → ').map((s) => petitionStateLabel(s.trim())).join(' → ') : rest;
      return `${FIELD_ZH[key] ?? key}：${value}`;
    })
    .filter((part) => !/^(flags|by|reviewOf|id)：/.test(part))
    .join('；');
}

export function petitionTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries.map((e) => {
    const m = /^petition\.(\w+)$/.exec(e.label) ?? /^petition\.(\w+)$/.exec(e.kind);
    if (!m) return e;
    const code = m[1]!;
    return { ...e, label: ACTION_ZH[code] ?? e.label, detail: e.reason ? `${readableDetail(e.detail)}${e.detail ? '；' : ''}理由：${e.reason}` : readableDetail(e.detail) };
  });
}

/** Running clocks first (nearest due first), then the stopped ones, latest first. */
export function orderDeadlines(list: PetitionDeadline[]): PetitionDeadline[] {
  const running = list.filter((d) => d.status !== 'stopped').sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  const stopped = list.filter((d) => d.status === 'stopped').sort((a, b) => b.id - a.id);
  return [...running, ...stopped];
}

/**
 * When the kernel detail is out of the caller's reach, the start date and legal source are read from the
 * server's own explanation ("自2026-11-24起算…依据：《信访工作条例》第二十二条").
 */
export function fromExplanation(explanation: string): { startDate?: string; ruleSource?: string } {
  const start = /自\s*(\d{4}-\d{2}-\d{2})\s*起算/.exec(explanation)?.[1];
  const source = /依据[:：]\s*(.+?)。?$/.exec(explanation)?.[1];
  return { ...(start ? { startDate: start } : {}), ...(source ? { ruleSource: source } : {}) };
}
