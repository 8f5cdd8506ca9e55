import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { presentDeadlines, type PresentedDeadline } from '../../kernel/deadlines/index.ts';
import { listParties, type PartyView } from '../../kernel/parties/index.ts';
import { allowedActions, type AllowedAction } from '../../kernel/machine/index.ts';
import { asStaff } from '../../kernel/actions/index.ts';
import { getTimeline, type TimelineEntry } from '../../kernel/timeline/index.ts';
import type { ModuleCatalog } from '../../kernel/catalog/index.ts';
import { PETITION_MACHINE, stateName, type PetitionCtx, type PetitionState } from './machine.ts';
import { petitionVisibleSql } from './visibility.ts';
import { isEvalOverdue } from './flags.ts';
import { readDecisions, type PetitionDecisions } from './decisions.ts';

type Q = Kysely<DB> | Transaction<DB>;

const caseRow = (db: Q) =>
  db
    .selectFrom('petitions as p')
    .innerJoin('work_items as wi', 'wi.id', 'p.id')
    .selectAll('p')
    .select(['wi.state', 'wi.open', 'wi.owner_unit_id', 'wi.owner_unit_path', 'wi.last_event_on']);

/** The petition row joined to its work item, only if `user` may see it (else 404). */
export async function loadVisible(db: Q, user: SessionUser, id: number, forUpdate = false) {
  let q = caseRow(db).where('p.id', '=', id).where(petitionVisibleSql(user));
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The same row without a staff scope: for parties who are not staff (the petitioner on the portal, whose
 * track token proved the case is theirs), whom the machine's policy then judges. NOT_FOUND when absent.
 */
export async function loadRow(db: Q, id: number) {
  const row = await caseRow(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
export type PetitionRow = Awaited<ReturnType<typeof loadVisible>>;

/** The machine's view of a case. */
export async function loadCtx(db: Q, row: PetitionRow): Promise<{ ctx: PetitionCtx; parties: PartyView[] }> {
  const [parties, deadlines] = await Promise.all([
    listParties(db, Number(row.id)),
    db.selectFrom('deadlines').select(['rule_key', 'status', 'due_date']).where('work_item_id', '=', row.id).orderBy('id').execute(),
  ]);
  const lead = parties.find((p) => p.role === 'lead');
  return {
    parties,
    ctx: {
      id: Number(row.id),
      state: row.state as PetitionState,
      stage: row.stage,
      afterTermination: row.after_termination,
      leadUnitPath: lead?.unitPath ?? null,
      deadlines: deadlines.map((d) => ({ ruleKey: d.rule_key, status: d.status, dueDate: d.due_date })),
    },
  };
}

export type PetitionRecord = {
  id: number;
  caseNo: string;
  stage: string;
  state: string;
  stateName: string;
  channel: string;
  matterType: string;
  anonymous: boolean;
  category: { id: number; names: string[] };
  title: string;
  content: string;
  placeUnit: { id: number; name: string };
  accusedUnit: { id: number; name: string } | null;
  ownerUnit: { id: number; name: string };
  urgency: string;
  receivedAt: string;
  visit: unknown;
  upper: unknown;
  flags: {
    collective: boolean;
    firstTime: boolean;
    repeat: boolean;
    repeatOf: number | null;
    skippedLevel: boolean;
    lawRelated: boolean;
    afterTermination: boolean;
    evalOverdue: boolean;
  };
  petitioners: { id: number; nameMasked: string; idNumberMasked: string | null; phoneMasked: string | null; address: string | null }[];
  parties: PartyView[];
  /** the kernel's presentation: each clock with its rule (name, amount, unit, legal source), start date, status and warning level */
  deadlines: PresentedDeadline[];
  decisions: PetitionDecisions;
  links: { reviewOf: { id: number; caseNo: string } | null; reviews: { id: number; caseNo: string; stage: string }[] };
  allowedActions: AllowedAction[];
  timeline: TimelineEntry[];
};

/** The full record as `user` sees it (masked personal data, their allowed actions). */
export async function getPetitionRecord(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; id: number; now: Date }): Promise<PetitionRecord> {
  const { db, user, id, now } = opts;
  const row = await loadVisible(db, user, id);
  const { ctx, parties } = await loadCtx(db, row);
  const unitIds = [row.place_unit_id, row.owner_unit_id, ...(row.accused_unit_id ? [row.accused_unit_id] : [])].map(Number);
  const [units, category, petitioners, deadlines, reviews, reviewOf, timeline] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute(),
    categoryNames(db, Number(row.category_id)),
    db
      .selectFrom('petitioners')
      .select(['id', 'name_masked', 'id_number_masked', 'phone_masked', 'address'])
      .where('petition_id', '=', row.id)
      .orderBy('id')
      .execute(),
    presentDeadlines(db, Number(row.id), shanghaiDate(now)),
    db.selectFrom('petitions').select(['id', 'case_no', 'stage']).where('review_of', '=', row.id).orderBy('id').execute(),
    row.review_of ? db.selectFrom('petitions').select(['id', 'case_no']).where('id', '=', row.review_of).executeTakeFirst() : Promise.resolve(undefined),
    getTimeline(db, opts.modules, Number(row.id), user),
  ]);
  const unitName = (uid: number | null) => units.find((u) => Number(u.id) === Number(uid))?.name ?? '';
  return {
    id: Number(row.id),
    caseNo: row.case_no,
    stage: row.stage,
    state: row.state,
    stateName: stateName(row.state),
    channel: row.channel,
    matterType: row.matter_type,
    anonymous: row.anonymous,
    category,
    title: row.title,
    content: row.content,
    placeUnit: { id: Number(row.place_unit_id), name: unitName(row.place_unit_id) },
    accusedUnit: row.accused_unit_id ? { id: Number(row.accused_unit_id), name: unitName(row.accused_unit_id) } : null,
    ownerUnit: { id: Number(row.owner_unit_id), name: unitName(row.owner_unit_id) },
    urgency: row.urgency,
    receivedAt: new Date(row.received_at).toISOString(),
    visit: row.visit ?? null,
    upper: row.upper_ref ?? null,
    flags: {
      collective: row.collective,
      firstTime: row.first_time,
      repeat: row.is_repeat,
      repeatOf: row.repeat_of === null ? null : Number(row.repeat_of),
      skippedLevel: row.skipped_level,
      lawRelated: row.law_related,
      afterTermination: row.after_termination,
      evalOverdue: isEvalOverdue({ deadlines: ctx.deadlines, evaluated: readDecisions(row.decisions).evaluation !== undefined, today: shanghaiDate(now) }),
    },
    petitioners: petitioners.map((p) => ({
      id: Number(p.id),
      nameMasked: p.name_masked,
      idNumberMasked: p.id_number_masked,
      phoneMasked: p.phone_masked,
      address: p.address,
    })),
    parties,
    deadlines,
    decisions: readDecisions(row.decisions),
    links: {
      reviewOf: reviewOf ? { id: Number(reviewOf.id), caseNo: reviewOf.case_no } : null,
      reviews: reviews.map((r) => ({ id: Number(r.id), caseNo: r.case_no, stage: r.stage })),
    },
    allowedActions: allowedActions(PETITION_MACHINE, asStaff(user), ctx, { today: shanghaiDate(now), earliest: row.last_event_on }),
    timeline,
  };
}

/** A category with the names of its ancestors, root first. */
export async function categoryNames(db: Q, id: number): Promise<{ id: number; names: string[] }> {
  const names: string[] = [];
  let current: number | null = id;
  for (let depth = 0; current !== null && depth < 8; depth++) {
    const c = await db.selectFrom('petition_categories').select(['name', 'parent_id']).where('id', '=', current).executeTakeFirst();
    if (!c) break;
    names.unshift(c.name);
    current = c.parent_id === null ? null : Number(c.parent_id);
  }
  return { id, names };
}
