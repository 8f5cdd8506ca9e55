import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { caseNoCandidates, hashQueryCode } from '../../../kernel/numbering/index.ts';
import { presentDeadlines } from '../../../kernel/deadlines/index.ts';
import { getTimeline } from '../../../kernel/timeline/index.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { PETITION_MACHINE, type PetitionCtx } from '../machine.ts';
import { loadCtx, loadRow } from '../repository.ts';
import { allowedActions } from '../../../kernel/machine/index.ts';
import { kindNameFor, petitionDocumentKinds } from '../documents/index.ts';
import { findItemDocumentFile, listItemDocuments } from '../../../kernel/documents/index.ts';
import { listParties } from '../../../kernel/parties/index.ts';
import { docxParagraphs } from '../../../core/documents/index.ts';
import { acceptanceUndecided, citizenDeadline, citizenStateName, citizenTimeline, EVALUATION_CHOICES, evaluationName } from './citizen-wording.ts';
import { matterTypeName } from './portal-texts.ts';
import { readDecisions } from '../decisions.ts';
import { PETITION_MODULE } from '../descriptor.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** The petition row for the petitioner, who has no scope (their token proved the case): PORTAL_TRACK_NOT_FOUND when absent. */
export async function loadPetitionRow(db: Q, id: number) {
  try {
    return await loadRow(db, id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw new AppError('PORTAL_TRACK_NOT_FOUND');
    throw e;
  }
}

/** The case and its 复查/复核 cases, oldest first: the citizen follows them as one matter. */
export async function chainOf(db: Q, rootId: number): Promise<number[]> {
  const reviews = await db.selectFrom('petitions').select('id').where('root_id', '=', rootId).orderBy('id').execute();
  return [rootId, ...reviews.map((r) => Number(r.id)).filter((id) => id !== rootId)];
}

// ── track: case number + query code (+ phone tail) → a 30-minute token ──

export const TRACK_TOKEN_TTL_MS = 30 * 60 * 1000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The case's id when every part matches, else null (the caller answers the same 404 whichever part was wrong). The
 * number as printed on the receipt — XF-519901-2026-000015, or 519901-2026-000015 issued before prefixes — in any
 * case, with spaces or a full-width dash, with or without the XF.
 */
export async function matchTrack(db: Kysely<DB>, q: { caseNo: string; queryCode: string; phoneTail?: string }): Promise<number | null> {
  const caseNos = caseNoCandidates(q.caseNo, PETITION_MODULE.caseNoPrefix);
  const row = caseNos.length
    ? await db.selectFrom('petitions').select(['id', 'query_code_hash', 'anonymous', 'stage']).where('case_no', 'in', caseNos).orderBy('id').executeTakeFirst()
    : undefined;
  // compare a hash even when there is no case, so a wrong number costs the same as a wrong code
  const expected = Buffer.from(row?.query_code_hash ?? sha('no case'), 'hex');
  const given = Buffer.from(hashQueryCode(q.queryCode), 'hex');
  const codeOk = expected.length === given.length && timingSafeEqual(expected, given);
  if (!row || !codeOk || row.stage !== 'initial') return null;
  if (!row.anonymous) {
    const phones = await db.selectFrom('petitioners').select('phone_masked').where('petition_id', '=', row.id).where('phone_masked', 'is not', null).execute();
    if (phones.length > 0) {
      const tail = (q.phoneTail ?? '').trim();
      if (!/^\d{4}$/.test(tail) || !phones.some((p) => (p.phone_masked ?? '').endsWith(tail))) return null;
    }
  }
  return Number(row.id);
}

export async function issueTrackToken(db: Kysely<DB>, opts: { petitionId: number; now: Date }): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.deleteFrom('portal_track_tokens').where('expires_at', '<', opts.now).execute();
  await db
    .insertInto('portal_track_tokens')
    .values({ token_hash: sha(token), petition_id: opts.petitionId, expires_at: new Date(opts.now.getTime() + TRACK_TOKEN_TTL_MS) })
    .execute();
  return token;
}

/** The case a token opens, or 401 PORTAL_TRACK_TOKEN_INVALID. */
export async function resolveTrackToken(db: Kysely<DB>, opts: { token: string | undefined; now: Date }): Promise<number> {
  if (!opts.token || opts.token.length > 200) throw new AppError('PORTAL_TRACK_TOKEN_INVALID');
  const row = await db
    .selectFrom('portal_track_tokens')
    .select('petition_id')
    .where('token_hash', '=', sha(opts.token))
    .where('expires_at', '>', opts.now)
    .executeTakeFirst();
  if (!row) throw new AppError('PORTAL_TRACK_TOKEN_INVALID');
  return Number(row.petition_id);
}

// ── the case as the citizen sees it ──

export const PETITIONER_ACTIONS = ['evaluate', 'apply_review', 'withdraw'] as const;
export type PetitionerAction = (typeof PETITIONER_ACTIONS)[number];

/** Clocks that concern the petitioner (internal routing/objection clocks are not shown). */
const CITIZEN_CLOCKS = new Set([
  'xf.dept.route',
  'xf.direct.notice',
  'xf.handle',
  'xf.eval.window',
  'xf.fucha.apply',
  'xf.fuhe.apply',
  'xf.fucha.answer',
  'xf.fuhe.answer',
]);

const clockDue = (ctx: PetitionCtx, ruleKey: string) =>
  ctx.deadlines.filter((d) => d.ruleKey === ruleKey && d.status === 'running').at(-1)?.dueDate ?? undefined;

/** What the petitioner may do now on the active case: the machine decides — state, its policy for the citizen of the case, guard. */
export function petitionerActions(ctx: PetitionCtx, now: Date): CitizenAction[] {
  const out: CitizenAction[] = [];
  const allowed = new Set(allowedActions(PETITION_MACHINE, { kind: 'citizen', itemIds: [ctx.id] }, ctx, { today: shanghaiDate(now) }).map((a) => a.code));
  for (const code of PETITIONER_ACTIONS) {
    if (!allowed.has(code)) continue;
    const name = code === 'evaluate' ? '评价处理意见' : code === 'withdraw' ? '撤回信访事项' : ctx.stage === 'initial' ? '申请复查' : '申请复核';
    const until =
      code === 'evaluate'
        ? clockDue(ctx, 'xf.eval.window')
        : code === 'apply_review'
          ? clockDue(ctx, ctx.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply')
          : undefined;
    out.push({ code, name, ...(until ? { until } : {}), ...(code === 'evaluate' ? { choices: EVALUATION_CHOICES.map((c) => ({ ...c })) } : {}) });
  }
  return out;
}

/** An action the petitioner may take now; an evaluation offers its choices with their names. */
export interface CitizenAction {
  code: PetitionerAction;
  name: string;
  until?: string;
  choices?: { value: string; name: string }[];
}

export interface CitizenCase {
  caseNo: string;
  title: string;
  matterTypeName: string;
  receivedAt: string;
  state: string;
  stateName: string;
  timeline: { at: string; text: string }[];
  /** the unit handling the case now: the 主办单位 it was 交办'd to, else the unit that registered it */
  handlingUnit: string;
  /** provisional (暂定) while the 受理 decision is not taken or the year's holidays are not loaded; provisionalReason says which */
  deadlines: {
    label: string;
    dueDate: string | null;
    ruleName: string | null;
    source: string | null;
    provisional: boolean;
    provisionalReason: string | null;
  }[];
  /** the replies addressed to the petitioner, with their text read from the issued DOCX (readable without Word) */
  documents: { id: number; kindName: string; number: string; title: string; issuedAt: string; paragraphs: string[] }[];
  actions: CitizenAction[];
  evaluation?: { result: string; resultName: string; comment: string | null; at: string };
}

export async function loadCitizenCase(db: Kysely<DB>, opts: { modules: ModuleCatalog; petitionId: number; now: Date }): Promise<CitizenCase> {
  const root = await loadPetitionRow(db, opts.petitionId);
  const ids = await chainOf(db, opts.petitionId);
  const rows = [root, ...(await Promise.all(ids.slice(1).map((id) => loadPetitionRow(db, id))))];
  const active = rows.at(-1)!;
  const today = shanghaiDate(opts.now);
  const [{ ctx }, timelines, deadlines, docs, parties, owner] = await Promise.all([
    loadCtx(db, active),
    Promise.all(rows.map(async (r) => citizenTimeline(await getTimeline(db, opts.modules, Number(r.id)), r.stage))),
    Promise.all(rows.map((r) => presentDeadlines(db, Number(r.id), today))),
    listItemDocuments(db, ids, 'oldest'),
    listParties(db, Number(active.id)),
    db.selectFrom('units').select('name').where('id', '=', active.owner_unit_id).executeTakeFirst(),
  ]);
  const lead = parties.find((p) => p.role === 'lead' && p.unitName);
  const shown = docs.filter((d) => toPetitioner(d.kind));
  const texts = await Promise.all(
    shown.map(async (d) => {
      const file = await findItemDocumentFile(db, d.id);
      return file ? await docxParagraphs(Buffer.from(file.bytes)).catch(() => []) : [];
    }),
  );
  let evaluation: CitizenCase['evaluation'];
  for (const r of rows) {
    const e = readDecisions(r.decisions).evaluation;
    if (e?.result) evaluation = { result: e.result, resultName: evaluationName(e.result), comment: e.comment ?? null, at: e.date ?? '' };
  }
  const activeState = active.state;
  return {
    caseNo: root.case_no,
    title: root.title,
    matterTypeName: matterTypeName(root.matter_type),
    receivedAt: new Date(root.received_at).toISOString(),
    state: activeState,
    stateName: citizenStateName(activeState, active.stage, readDecisions(active.decisions)),
    timeline: timelines.flat().sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    handlingUnit: lead?.unitName ?? owner?.name ?? '',
    deadlines: deadlines
      .flat()
      .filter((d) => d.status === 'running' && CITIZEN_CLOCKS.has(d.ruleKey))
      .map((d) =>
        citizenDeadline(
          { label: d.label, dueDate: d.dueDate, ruleName: d.ruleName, source: d.ruleSource, provisional: d.provisional },
          acceptanceUndecided(activeState),
        ),
      ),
    documents: shown.map((d, i) => {
      // 复查意见书 / 复核意见书, 转送告知书 / 交办告知书: by the case it was issued on
      const of = rows.find((r) => Number(r.id) === d.workItemId);
      const name = kindNameFor(d.kind, of?.stage ?? 'initial', of ? readDecisions(of.decisions) : undefined);
      return { id: d.id, kindName: name, number: d.number, title: `${name}（${d.number}）`, issuedAt: d.createdAt, paragraphs: texts[i] ?? [] };
    }),
    actions: petitionerActions(ctx, opts.now),
    ...(evaluation ? { evaluation } : {}),
  };
}

/** The kind of a document the petitioner may see (one addressed to them), else undefined. */
const toPetitioner = (kind: string) => {
  const def = petitionDocumentKinds.find(kind);
  return def?.addressedTo === 'requester' ? def : undefined;
};

/** A document addressed to the petitioner of this case (or its 复查/复核), else 404. */
export async function loadCitizenDocument(db: Kysely<DB>, opts: { petitionId: number; documentId: number }) {
  const ids = await chainOf(db, opts.petitionId);
  const doc = await findItemDocumentFile(db, opts.documentId);
  if (!doc || !ids.includes(doc.workItemId) || !toPetitioner(doc.kind)) throw new AppError('PORTAL_DOCUMENT_NOT_FOUND');
  return doc;
}
