import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/errors.ts';
import { extendDeadline } from '../../../kernel/deadlines/index.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import type { ActionStep, ModuleActions } from '../../../kernel/actions/index.ts';
import { ACCIDENT_MACHINE, type AccidentCtx, type AccidentState } from './machine.ts';
import { ACCIDENT_MODULE } from './descriptor.ts';
import { gradeAccident, GRADE_ZH, loadGradeScale, type AccidentGrade } from './grading.ts';
import { approvalRule, casualtyWindowRule, CLOCK_LABELS } from './vocabulary.ts';
import { runningClocks, startDeadline, stopClocks } from './clocks.ts';

export interface AccidentRow {
  id: number;
  grade: AccidentGrade;
  accidentType: string;
  occurredAt: Date;
  reportedAt: Date;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossYuan: number;
}

type Step = ActionStep<AccidentRow, AccidentCtx>;

/** An instant given in an action must lie between the accident and now (a report cannot come before the event). */
function instantBetween(value: unknown, field: string, earliest: Date, now: Date, earliestWord: string): Date {
  const at = new Date(String(value));
  if (at.getTime() > now.getTime()) throw new AppError('VALIDATION_FAILED', { detail: `${field}：不能晚于当前时间` }, { field });
  if (at.getTime() < earliest.getTime()) throw new AppError('VALIDATION_FAILED', { detail: `${field}：不能早于${earliestWord}` }, { field });
  return at;
}

/** The approver of an extension: a county leader (the government that leads the investigation), never the one asking. */
async function checkApprover(trx: Transaction<DB>, approverUserId: number, actorId: number | null): Promise<number> {
  const approver = await trx.selectFrom('users').select(['id', 'roles', 'disabled']).where('id', '=', approverUserId).executeTakeFirst();
  if (!approver || approver.disabled || !approver.roles.includes('county_leader') || Number(approver.id) === actorId) {
    throw new AppError('VALIDATION_FAILED', { detail: 'approvedByUserId：批准人应为县领导，且不能是申请人本人' }, { field: 'approvedByUserId' });
  }
  return Number(approver.id);
}

async function extendRunning(s: Step, ruleKeys: string[], what: string) {
  const clock = (await runningClocks(s.trx, s.row.id)).find((c) => ruleKeys.includes(c.ruleKey));
  if (!clock) throw new AppError('CONFLICT', { detail: `${what}未在计时` });
  const input = s.input as { days: number; reason: string; approvedByUserId: number };
  await extendDeadline(s.trx, {
    deadlineId: clock.id,
    amount: input.days,
    reason: input.reason,
    approvedBy: await checkApprover(s.trx, input.approvedByUserId, s.actor.userId),
    actor: s.actor,
    at: s.at,
  });
}

/** The actions of an accident through the kernel's runner (clocks, grade, 补报). */
export const ACCIDENT_ACTIONS: ModuleActions<AccidentState, AccidentCtx, AccidentRow> = {
  kind: 'accident',
  machine: ACCIDENT_MACHINE,
  async load(trx, id, party) {
    let q = trx
      .selectFrom('work_items as wi')
      .innerJoin('safety_accidents as a', 'a.id', 'wi.id')
      .select([
        'wi.id',
        'wi.state',
        'a.grade',
        'a.accident_type',
        'a.occurred_at',
        'a.reported_at',
        'a.deaths',
        'a.serious_injuries',
        'a.minor_injuries',
        'a.direct_loss_yuan',
      ])
      .where('wi.id', '=', id)
      .where('wi.module', '=', 'accident');
    if (party.kind === 'staff') q = q.where(moduleVisibleSql(ACCIDENT_MODULE, party.user));
    else throw new AppError('FORBIDDEN');
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const clocks = await trx
      .selectFrom('deadlines')
      .select(['rule_key', 'status', 'due_date'])
      .where('work_item_id', '=', id)
      .where('rule_key', 'in', ['acc.level', 'acc.casualty_update', 'acc.casualty_update.road_fire'])
      .orderBy('id')
      .execute();
    const window = clocks.find((c) => c.rule_key.startsWith('acc.casualty_update'));
    return {
      row: {
        id: Number(row.id),
        grade: row.grade,
        accidentType: row.accident_type,
        occurredAt: new Date(row.occurred_at),
        reportedAt: new Date(row.reported_at),
        deaths: Number(row.deaths),
        seriousInjuries: Number(row.serious_injuries),
        minorInjuries: Number(row.minor_injuries),
        directLossYuan: Number(row.direct_loss_yuan),
      },
      ctx: {
        id: Number(row.id),
        state: row.state as AccidentState,
        grade: row.grade,
        windowDue: window?.due_date ?? null,
        levelRunning: clocks.some((c) => c.rule_key === 'acc.level' && c.status === 'running'),
      },
    };
  },
  effects: {
    async escalate(s) {
      const input = s.input as { reportedUpAt: string; reportedTo: string };
      const at = instantBetween(input.reportedUpAt, 'reportedUpAt', s.row.reportedAt, s.now, '县级接报时间');
      await stopClocks(s.trx, { workItemId: s.row.id, at, actor: s.actor, rules: (r) => r === 'acc.level' });
      await s.trx.updateTable('safety_accidents').set({ escalated_at: at, escalated_to: input.reportedTo }).where('id', '=', s.row.id).execute();
    },
    async supplement(s) {
      const input = s.input as { learnedAt: string; deaths: number; seriousInjuries: number; minorInjuries: number; directLossWan: number; note: string };
      const learnedAt = instantBetween(input.learnedAt, 'learnedAt', s.row.occurredAt, s.now, '事故发生时间');
      const next = {
        deaths: input.deaths,
        seriousInjuries: input.seriousInjuries,
        minorInjuries: input.minorInjuries,
        directLossYuan: Math.round(input.directLossWan * 10_000),
      };
      const r = s.row;
      if (
        next.deaths === r.deaths &&
        next.seriousInjuries === r.seriousInjuries &&
        next.minorInjuries === r.minorInjuries &&
        next.directLossYuan === r.directLossYuan
      ) {
        throw new AppError('VALIDATION_FAILED', { detail: '补报的伤亡人数和直接经济损失与已报数字相同，无需补报' });
      }
      const { grade } = gradeAccident(next, await loadGradeScale(s.trx));
      await s.trx
        .updateTable('safety_accidents')
        .set({
          deaths: next.deaths,
          serious_injuries: next.seriousInjuries,
          minor_injuries: next.minorInjuries,
          direct_loss_yuan: next.directLossYuan,
          grade,
        })
        .where('id', '=', r.id)
        .execute();
      await s.trx
        .insertInto('safety_accident_updates')
        .values({
          accident_id: r.id,
          learned_at: learnedAt,
          deaths: next.deaths,
          serious_injuries: next.seriousInjuries,
          minor_injuries: next.minorInjuries,
          direct_loss_yuan: next.directLossYuan,
          grade_before: r.grade,
          grade_after: grade,
          note: input.note,
          created_by: s.actor.userId,
        })
        .execute();
      // a change is reported upward like the first report: within the level's hours of learning it (条例第十三条、第十一条)
      await startDeadline(s.trx, { workItemId: r.id, ruleKey: 'acc.level', label: CLOCK_LABELS.levelUpdate, startedAt: learnedAt, actor: s.actor });
      // the 批复 period follows the grade (特别重大 30 days, else 15): a running one is restarted under the new rule from its start
      if (approvalRule(grade) !== approvalRule(r.grade)) {
        for (const c of await runningClocks(s.trx, r.id)) {
          if (!c.ruleKey.startsWith('acc.approval')) continue;
          await stopClocks(s.trx, { workItemId: r.id, at: s.at, actor: s.actor, rules: (k) => k === c.ruleKey });
          await startDeadline(s.trx, { workItemId: r.id, ruleKey: approvalRule(grade), label: CLOCK_LABELS.approval, startedAt: c.startedAt, actor: s.actor });
        }
      }
    },
    async investigate() {
      // the investigation report's 60 days run from the accident (started with the report); nothing else changes
    },
    async extend_report(s) {
      await extendRunning(s, ['acc.report'], '事故调查报告期限');
    },
    async submit_report(s) {
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor, rules: (r) => r === 'acc.report' });
      await startDeadline(s.trx, { workItemId: s.row.id, ruleKey: approvalRule(s.row.grade), label: CLOCK_LABELS.approval, startedAt: s.on, actor: s.actor });
      await s.trx.updateTable('safety_accidents').set({ report_submitted_on: s.on }).where('id', '=', s.row.id).execute();
    },
    async extend_approval(s) {
      await extendRunning(s, ['acc.approval.major'], '特别重大事故批复期限');
    },
    async approve(s) {
      const input = s.input as { approvalText: string };
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
      await s.trx.updateTable('safety_accidents').set({ approved_on: s.on, approval_text: input.approvalText }).where('id', '=', s.row.id).execute();
    },
  },
  auditReason(input) {
    return typeof input.reason === 'string' ? input.reason : typeof input.note === 'string' ? input.note : undefined;
  },
};

export { GRADE_ZH, casualtyWindowRule };
