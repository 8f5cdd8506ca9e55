import { sql, type Transaction, type Updateable } from 'kysely';
import type { DB, DisputesTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { moduleVisibleSql } from '../../kernel/catalog/index.ts';
import type { ActionStep, ModuleActions } from '../../kernel/actions/index.ts';
import { DISPUTE_MACHINE, type DisputeCtx, type DisputeState, type MediationKind } from './machine.ts';
import { assignParties, listParties } from '../../kernel/parties/index.ts';
import { DISPUTE_VISIBILITY } from './visibility.ts';
import { levelOfUnitKind, type FailureRoute } from './fields.ts';
import {
  CONFIRM_RULE,
  COURT_ACCEPT_RULE,
  PERFORM_RULE,
  SETTLE_RULE,
  startConfirmClock,
  startCourtClock,
  startPerformClock,
  startSettleClock,
  startCourtReferralClock,
  stopClocks,
  stopCourtReferralClock,
} from './clocks.ts';

export interface DisputeRow {
  id: number;
  ownerUnitKind: string;
  performDueOn: string | null;
}
type Step = ActionStep<DisputeRow, DisputeCtx>;

/** The dispute as the machine sees it, for staff through the one visibility rule (NOT_FOUND outside it). */
export async function loadDispute(trx: Transaction<DB>, id: number, party: Parameters<ModuleActions<DisputeState, DisputeCtx, DisputeRow>['load']>[2]) {
  if (party.kind !== 'staff') throw new AppError('NOT_FOUND');
  const r = await trx
    .selectFrom('disputes as d')
    .innerJoin('work_items as wi', 'wi.id', 'd.id')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .select([
      'd.id',
      'wi.state',
      'u.kind as unit_kind',
      'd.agreement_form',
      'd.effective_on',
      'd.confirm_applied_on',
      'd.confirm_result',
      'd.perform_due_on',
      'd.mediation_kind',
      sql<string | null>`d.court_reported_on::text`.as('court_reported_on'),
      (eb) =>
        eb
          .selectFrom('dispute_parties as p')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('p.dispute_id', '=', 'd.id')
          .as('party_count'),
      (eb) =>
        eb
          .selectFrom('deadlines as dl')
          .select('dl.due_date')
          .whereRef('dl.work_item_id', '=', 'd.id')
          .where('dl.rule_key', '=', CONFIRM_RULE)
          .orderBy('dl.id', 'desc')
          .limit(1)
          .as('confirm_due_on'),
    ])
    .where('d.id', '=', id)
    .where(moduleVisibleSql(DISPUTE_VISIBILITY, party.user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const row: DisputeRow = { id: Number(r.id), ownerUnitKind: r.unit_kind, performDueOn: r.perform_due_on };
  const ctx: DisputeCtx = {
    id: row.id,
    state: r.state as DisputeState,
    partyCount: Number(r.party_count ?? 0),
    agreementForm: r.agreement_form,
    effectiveOn: r.effective_on,
    confirmDueOn: r.confirm_due_on ?? null,
    confirmAppliedOn: r.confirm_applied_on,
    confirmResult: r.confirm_result,
    mediationKind: r.mediation_kind,
    courtReportedOn: r.court_reported_on,
  };
  return { row, ctx };
}

const set = (s: Step, values: Updateable<DisputesTable>) =>
  s.trx
    .updateTable('disputes')
    .set(values)
    .where('id', '=', s.row.id)
    .execute()
    .then(() => undefined);

const stop = (s: Step, ruleKey?: string) => stopClocks(s.trx, { workItemId: s.row.id, ruleKey, at: s.at, actor: s.actor });

/** The dispute's machine applied by the kernel's runner: typed side effects of each action. */
export const DISPUTE_ACTIONS: ModuleActions<DisputeState, DisputeCtx, DisputeRow> = {
  kind: 'dispute',
  machine: DISPUTE_MACHINE,
  load: loadDispute,
  effects: {
    async accept(s) {
      const i = s.input as {
        mediationKind: MediationKind;
        committee?: string;
        mediatorName: string;
        mediatingUnitId?: number;
        courtReferral?: 'pre_filing' | 'post_filing';
        courtName?: string;
        courtCaseNo?: string;
        courtDueOn?: string;
      };
      const admin = i.mediationKind === 'administrative';
      const judicial = i.mediationKind === 'judicial';
      if (admin) {
        // 行政调解 by the organ responsible for the field: a department, brought in as 协办 so its staff see and handle it
        const dept = await s.trx
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', '=', i.mediatingUnitId!)
          .where('kind', '=', 'department')
          .where('disabled', '=', false)
          .executeTakeFirst();
        if (!dept) throw new AppError('UNIT_INVALID', { detail: '主持调解的行政机关：须为本县在用的职能部门' }, { field: 'mediatingUnitId' });
        const current = await listParties(s.trx, s.row.id);
        if (!current.some((p) => p.active && p.unitId === Number(dept.id)))
          await assignParties(s.trx, {
            workItemId: s.row.id,
            parties: [
              ...current.filter((p) => p.active).map((p) => ({ role: p.role, unitId: p.unitId ?? undefined, leaderId: p.leaderId ?? undefined })),
              { role: 'assist' as const, unitId: Number(dept.id) },
            ],
            actor: s.actor,
            at: s.at,
          });
      }
      if (judicial && i.courtDueOn! < s.on)
        throw new AppError('VALIDATION_FAILED', { detail: '人民法院确定的调解期限：不能早于受理日期' }, { field: 'courtDueOn' });
      await set(s, {
        accepted_on: s.on,
        mediation_kind: i.mediationKind,
        committee: i.committee || null,
        mediator_name: i.mediatorName,
        mediating_unit_id: admin ? i.mediatingUnitId! : null,
        court_referral: judicial ? i.courtReferral! : null,
        court_name: judicial ? i.courtName!.trim() : null,
        court_case_no: judicial ? i.courtCaseNo!.trim() : null,
        court_due_on: judicial ? i.courtDueOn! : null,
      });
      if (judicial)
        await startCourtReferralClock(s.trx, {
          workItemId: s.row.id,
          dueOn: i.courtDueOn!,
          court: i.courtName!.trim(),
          caseNo: i.courtCaseNo!.trim(),
          startedAt: s.at,
          actor: s.actor,
        });
      else await startSettleClock(s.trx, { workItemId: s.row.id, on: s.on, actor: s.actor });
    },
    async reportCourt(s) {
      const i = s.input as { note: string };
      await set(s, { court_reported_on: s.on, court_report: i.note });
      await stopCourtReferralClock(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
    },
    async decline(s) {
      const i = s.input as { refusingParty: string; reason: string; toldRoutes: FailureRoute[] };
      await set(s, { refused_party: i.refusingParty, refused_reason: i.reason, routes_told: i.toldRoutes, outcome: 'refused', closed_on: s.on });
      await stop(s);
    },
    async session(s) {
      const i = s.input as { place?: string; mediators: string; record: string };
      await s.trx
        .insertInto('dispute_sessions')
        .values({
          dispute_id: s.row.id,
          held_on: s.on,
          place: i.place || null,
          mediators: i.mediators,
          record: i.record,
          created_by: s.actor.userId,
          created_at: s.now,
        })
        .execute();
    },
    async agree(s) {
      const i = s.input as {
        form: 'written' | 'oral';
        points?: string;
        responsibility?: string;
        terms: string;
        performMethod?: string;
        performDueOn?: string;
        performedOnSpot?: boolean;
      };
      if (i.performDueOn && i.performDueOn < s.on)
        throw new AppError('VALIDATION_FAILED', { detail: '履行的期限：不能早于达成协议的日期' }, { field: 'performDueOn' });
      const oral = i.form === 'oral';
      await set(s, {
        agreement_form: i.form,
        agreed_on: s.on,
        points: i.points || null,
        responsibility: i.responsibility || null,
        terms: i.terms,
        perform_method: i.performMethod || null,
        perform_due_on: i.performDueOn ?? null,
        resolved_level: levelOfUnitKind(s.row.ownerUnitKind),
        // art. 30: an oral agreement takes effect when the parties reach it
        ...(oral ? { effective_on: s.on } : {}),
        ...(oral && i.performedOnSpot ? { performed_on: s.on, perform_note: '当场履行完毕' } : {}),
      });
      await stop(s, SETTLE_RULE);
      if (oral && !i.performedOnSpot && i.performDueOn)
        await startPerformClock(s.trx, { workItemId: s.row.id, dueOn: i.performDueOn, startedAt: s.at, actor: s.actor });
    },
    async sign(s) {
      await set(s, { effective_on: s.on });
      // the 司法确认 window is the 人民调解协议's (人民调解法 art. 33); a 行政调解协议 or a court-referred one has none here
      if (s.ctx.mediationKind === 'people') await startConfirmClock(s.trx, { workItemId: s.row.id, on: s.on, actor: s.actor });
      if (s.row.performDueOn) {
        if (s.row.performDueOn < s.on)
          throw new AppError(
            'VALIDATION_FAILED',
            { detail: `协议约定的履行期限（${s.row.performDueOn}）早于签署日期，请重新达成协议` },
            { field: 'occurredOn' },
          );
        await startPerformClock(s.trx, { workItemId: s.row.id, dueOn: s.row.performDueOn, startedAt: s.at, actor: s.actor });
      }
    },
    async confirmApply(s) {
      const i = s.input as { court: string };
      await set(s, { confirm_applied_on: s.on, confirm_court: i.court });
      await stop(s, CONFIRM_RULE);
      await startCourtClock(s.trx, { workItemId: s.row.id, on: s.on, actor: s.actor });
    },
    async confirmResult(s) {
      const i = s.input as { confirmed: boolean };
      await set(s, { confirm_result: i.confirmed ? 'confirmed' : 'invalid' });
      await stop(s, COURT_ACCEPT_RULE);
      if (!i.confirmed) {
        // found invalid: mediation starts again (or the parties sue): the agreement no longer binds
        await set(s, { agreement_form: null, agreed_on: null, effective_on: null, performed_on: null, resolved_level: null });
        await stop(s);
        await startSettleClock(s.trx, { workItemId: s.row.id, on: s.on, actor: s.actor });
      }
    },
    async perform(s) {
      const i = s.input as { note: string };
      await set(s, { performed_on: s.on, perform_note: i.note });
      await stop(s, PERFORM_RULE);
    },
    async revisit(s) {
      const i = s.input as { note: string };
      await set(s, { revisit_on: s.on, revisit_note: i.note, outcome: 'resolved', closed_on: s.on });
      // the 司法确认 window (its own clock) is left to run out: the parties may still apply after the 回访
    },
    async fail(s) {
      const i = s.input as { reason: string; toldRoutes: FailureRoute[] };
      await set(s, { failure_reason: i.reason, routes_told: i.toldRoutes, outcome: 'failed', closed_on: s.on });
      // a court's referral that fails goes back to the court: the failure is the result reported to it
      if (s.ctx.mediationKind === 'judicial' && !s.ctx.courtReportedOn) await set(s, { court_reported_on: s.on, court_report: `调解不成：${i.reason}` });
      await stop(s);
    },
    async escalate(s) {
      const i = s.input as { reason: string };
      await set(s, { failure_reason: i.reason, outcome: 'escalated', closed_on: s.on });
      await stop(s);
    },
  },
  auditReason: (input) => (typeof input.reason === 'string' ? input.reason : undefined),
};
