import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import type { ArchiveItemDef, MatterKind, StepDef } from './fields.ts';

export const FILING_RULE = 'wp.filing.quarter';

const GATES = new Set(['dimensions', 'level', 'decision', 'followUp', null]);

/**
 * The procedure as data (settings risk.steps, risk.archive, risk.target — migration 0065, edited by the
 * administrator): the steps, each with its gate, evidence and minimum periods; the archive checklist; the
 * year's completion target. A configuration that would leave an assessment without a decision step is refused.
 */
export async function loadRiskConfig(db: Kysely<DB>): Promise<{
  steps: StepDef[];
  archive: ArchiveItemDef[];
  target: { month: number; day: number; countedKinds?: MatterKind[]; source: string | null };
}> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['risk.steps', 'risk.archive', 'risk.target']).execute();
  const by = new Map(rows.map((r) => [r.key, r.value as Record<string, unknown>]));
  const steps = (by.get('risk.steps')?.steps ?? []) as StepDef[];
  const archive = (by.get('risk.archive')?.items ?? []) as ArchiveItemDef[];
  const target = by.get('risk.target') as { month?: number; day?: number; countedKinds?: MatterKind[]; source?: string } | undefined;
  const bad = (key: string, detail: string) => new AppError('RISK_SETTING_INVALID', { key, detail });
  if (!Array.isArray(steps) || steps.length === 0) throw bad('risk.steps', '没有评估步骤');
  if (new Set(steps.map((s) => s.code)).size !== steps.length) throw bad('risk.steps', '步骤代码重复');
  if (steps.some((s) => !s.name || !GATES.has(s.gate ?? null) || !Array.isArray(s.minRules ?? []))) throw bad('risk.steps', '步骤缺少名称或条件不正确');
  const decision = steps.findIndex((s) => s.gate === 'decision');
  if (decision < 0) throw bad('risk.steps', '缺少“集体研究审定”（决策）步骤');
  if (steps.slice(decision + 1).some((s) => s.gate !== 'followUp')) throw bad('risk.steps', '决策之后只能是跟踪化解步骤');
  if (!Array.isArray(archive) || new Set(archive.map((a) => a.code)).size !== archive.length) throw bad('risk.archive', '档案资料代码重复');
  if (!target?.month || !target.day) throw bad('risk.target', '未设置完成时限');
  return {
    steps: steps.map((s) => ({ ...s, gate: s.gate ?? null, evidence: s.evidence ?? null, minRules: s.minRules ?? [] })),
    archive,
    target: {
      month: target.month,
      day: target.day,
      ...(Array.isArray(target.countedKinds) ? { countedKinds: target.countedKinds } : {}),
      source: target.source ?? null,
    },
  };
}
