import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { formatAmount } from '../../../core/clock/deadline-compute.ts';
import { loadCalendar } from '../../../kernel/deadlines/index.ts';
import { CAMPAIGN_METHODS, OBJECTION_ANSWER_RULE, OBJECTION_DECISIONS, OBJECTION_RULE, RESPONSE_KINDS, isCampaignOffice, readsAllCampaigns } from './fields.ts';
import { visibleCampaignIds, visibleTargets } from './scope.ts';
import { objectionWindow } from './objection.ts';
import { campaignTaskStatuses } from './tasks.ts';

/** 筹备中 before the period, 督查中 during it, 待通报 after it, 已通报 once the 通报 is issued. */
export function campaignStage(c: { period_from: string; period_to: string; bulletin_issued_on: string | null }, today: string) {
  if (c.bulletin_issued_on) return { stage: 'issued' as const, stageName: '已通报' };
  if (today < c.period_from) return { stage: 'planned' as const, stageName: '筹备中' };
  if (today <= c.period_to) return { stage: 'running' as const, stageName: '督查中' };
  return { stage: 'reporting' as const, stageName: '待通报' };
}

export async function listCampaigns(db: Kysely<DB>, user: SessionUser, today: string) {
  const ids = await visibleCampaignIds(db, user);
  if (ids !== null && ids.length === 0) return [];
  const rows = await db
    .selectFrom('sv_campaigns as c')
    .innerJoin('units as o', 'o.id', 'c.organiser_unit_id')
    .select(['c.id', 'c.name', 'c.method', 'c.period_from', 'c.period_to', 'c.bulletin_issued_on', 'c.bulletin_number', 'o.name as organiser_name'])
    .$if(ids !== null, (q) => q.where('c.id', 'in', ids!))
    .orderBy('c.period_from', 'desc')
    .orderBy('c.id', 'desc')
    .limit(500)
    .execute();
  const counts = new Map<number, { targets: number; problems: number }>();
  if (rows.length) {
    const ts = await visibleTargets(db, user)
      .select((eb) => [
        't.campaign_id',
        eb.fn.countAll<string>().as('targets'),
        eb.fn
          .sum<string>(
            eb
              .selectFrom('sv_campaign_problems as p')
              .select((e) => e.fn.countAll<string>().as('n'))
              .whereRef('p.target_id', '=', 't.id'),
          )
          .as('problems'),
      ])
      .where(
        't.campaign_id',
        'in',
        rows.map((r) => r.id),
      )
      .groupBy('t.campaign_id')
      .execute();
    for (const t of ts) counts.set(Number(t.campaign_id), { targets: Number(t.targets), problems: Number(t.problems ?? 0) });
  }
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    methodName: CAMPAIGN_METHODS[r.method],
    periodFrom: r.period_from,
    periodTo: r.period_to,
    organiserName: r.organiser_name,
    bulletinNumber: r.bulletin_number,
    bulletinIssuedOn: r.bulletin_issued_on,
    ...campaignStage(r, today),
    targets: counts.get(Number(r.id))?.targets ?? 0,
    problems: counts.get(Number(r.id))?.problems ?? 0,
  }));
}

/** One campaign as the user may see it: the office everything, a target unit only its own findings after the 通报. */
export async function getCampaign(db: Kysely<DB>, user: SessionUser, campaignId: number, today: string) {
  const all = readsAllCampaigns(user);
  const c = await db
    .selectFrom('sv_campaigns as c')
    .innerJoin('units as o', 'o.id', 'c.organiser_unit_id')
    .select([
      'c.id',
      'c.name',
      'c.method',
      'c.period_from',
      'c.period_to',
      'c.basis',
      'c.checklist',
      'c.bulletin_issued_on',
      'c.bulletin_number',
      'c.bulletin_file_name',
      'c.bulletin_summary',
      'o.name as organiser_name',
    ])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const targets = await visibleTargets(db, user)
    .innerJoin('sv_campaign_groups as g', 'g.id', 't.group_id')
    .select(['t.id', 't.unit_id', 'tu.name as unit_name', 'g.id as group_id', 'g.name as group_name'])
    .where('t.campaign_id', '=', c.id)
    .orderBy('g.seq')
    .orderBy('tu.path')
    .execute();
  if (!all && targets.length === 0) throw new AppError('NOT_FOUND');
  const targetIds = targets.map((t) => t.id);
  const none = [0];
  const [groups, records, problems, responses, objectionRule, answerRule, cal] = await Promise.all([
    all
      ? db.selectFrom('sv_campaign_groups').select(['id', 'name', 'leader_name', 'members']).where('campaign_id', '=', c.id).orderBy('seq').execute()
      : Promise.resolve([]),
    db
      .selectFrom('sv_campaign_records as r')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .select([
        'r.id',
        'r.target_id',
        'r.inspected_on',
        'r.heard',
        'r.checked',
        'r.seen',
        'r.good_practices',
        'r.backdate_reason',
        'u.display_name as created_by',
      ])
      .where('r.target_id', 'in', targetIds.length ? targetIds : none)
      .orderBy('r.inspected_on')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('sv_campaign_problems')
      .select(['id', 'target_id', 'record_id', 'description', 'requirement', 'due_on', 'task_id'])
      .where('target_id', 'in', targetIds.length ? targetIds : none)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sv_campaign_responses as r')
      .leftJoin('users as s', 's.id', 'r.submitted_by')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .select([
        'r.id',
        'r.target_id',
        'r.kind',
        'r.content',
        'r.submitted_on',
        's.display_name as submitted_by',
        'r.decision',
        'r.decision_note',
        'r.decided_on',
        'd.display_name as decided_by',
      ])
      .where('r.target_id', 'in', targetIds.length ? targetIds : none)
      .orderBy('r.id')
      .execute(),
    findRule(db, OBJECTION_RULE),
    findRule(db, OBJECTION_ANSWER_RULE),
    loadCalendar(db),
  ]);
  const statuses = c.bulletin_issued_on ? await campaignTaskStatuses(db, user, Number(c.id), today) : new Map<number, never>();
  const window = c.bulletin_issued_on ? objectionWindow(cal, objectionRule, c.bulletin_issued_on, today) : null;
  const office = isCampaignOffice(user);
  return {
    id: Number(c.id),
    name: c.name,
    method: c.method,
    methodName: CAMPAIGN_METHODS[c.method],
    periodFrom: c.period_from,
    periodTo: c.period_to,
    basis: c.basis,
    checklist: c.checklist,
    organiserName: c.organiser_name,
    ...campaignStage(c, today),
    bulletin: c.bulletin_issued_on
      ? { number: c.bulletin_number!, issuedOn: c.bulletin_issued_on, fileName: c.bulletin_file_name!, summary: c.bulletin_summary }
      : null,
    objection: {
      ruleName: objectionRule.name,
      period: formatAmount(objectionRule.amount, objectionRule.unit),
      source: objectionRule.source,
      answerPeriod: formatAmount(answerRule.amount, answerRule.unit),
      dueDate: window?.dueDate ?? null,
      open: window?.open ?? false,
      explanation: window?.explanation ?? null,
    },
    groups: groups.map((g) => ({ id: Number(g.id), name: g.name, leaderName: g.leader_name, members: g.members })),
    targets: targets.map((t) => {
      const own = (x: { target_id: number }) => Number(x.target_id) === Number(t.id);
      const mine = responses.filter(own);
      return {
        id: Number(t.id),
        unitId: Number(t.unit_id),
        unitName: t.unit_name,
        groupId: Number(t.group_id),
        groupName: t.group_name,
        records: records.filter(own).map((r) => ({
          id: Number(r.id),
          inspectedOn: r.inspected_on,
          heard: r.heard,
          checked: r.checked,
          seen: r.seen,
          goodPractices: r.good_practices,
          backdateReason: r.backdate_reason,
          recordedBy: r.created_by ?? '',
        })),
        problems: problems.filter(own).map((p) => {
          const s = p.task_id === null ? undefined : statuses.get(Number(p.task_id));
          return {
            id: Number(p.id),
            description: p.description,
            requirement: p.requirement,
            dueOn: p.due_on,
            taskId: p.task_id === null ? null : Number(p.task_id),
            taskHref: s?.href ?? null,
            taskStatusName: s?.statusName ?? (c.bulletin_issued_on ? '未交办' : '通报印发后交办'),
            overdue: s ? s.overdue : false,
          };
        }),
        responses: mine.map((r) => ({
          id: Number(r.id),
          kind: r.kind,
          kindName: RESPONSE_KINDS[r.kind],
          content: r.content,
          submittedOn: r.submitted_on,
          submittedBy: r.submitted_by ?? '',
          decisionName: r.decision ? OBJECTION_DECISIONS[r.decision] : null,
          decisionNote: r.decision_note,
          decidedOn: r.decided_on,
          decidedBy: r.decided_by,
        })),
        mayRespond: !all && !!c.bulletin_issued_on,
      };
    }),
    mayRecord: office && !c.bulletin_issued_on,
    mayIssue: office && !c.bulletin_issued_on,
    mayDecide: office,
  };
}
