import { sql, type Kysely, type Transaction } from 'kysely';
import { checkRepresentatives, loadIntakeSettings, representativesRuleFor } from './intake-settings.ts';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { groupCommit } from '../../core/db/group-commit.ts';
import { blindIndex, encryptValue, maskIdNumber, maskName, maskPhone, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import { planDeadlines, planInstructedDeadline, plannedDeadlineRows, type PlannedDeadline } from '../../kernel/deadlines/index.ts';
import { appendAuditEvents, type Actor } from '../../core/audit/audit-chain.ts';
import { formatCaseNo, newQueryCode, nextSequences } from '../../kernel/numbering/index.ts';
import { PETITION_MODULE } from './descriptor.ts';
import { deriveRepeatFlags, isCollective } from './flags.ts';
import type { IntakeBody } from './intake-schema.ts';
import { canRegister } from './policy.ts';
import { outboxRows } from '../../core/outbox/enqueue.ts';
import { allocateIds, insertAll } from '../../core/db/insert-all.ts';
import { registrationAcknowledgement } from './petitioner-messages.ts';
import { findClaimableUploads, tokenHashes, tokenIn } from '../../core/files/uploads.ts';
import { findEarlierOfPeopleMany, toEarlier, type PeopleProbe } from './similar-petitions.ts';

export interface RegisterResult {
  id: number;
  caseNo: string;
  /** shown once: only its hash is stored */
  queryCode: string;
  state: string;
  flags: {
    collective: boolean;
    firstTime: boolean;
    repeat: boolean;
    repeatOf: number | null;
    skippedLevel: boolean;
    lawRelated: boolean;
    afterTermination: boolean;
  };
  receivedAt: string;
  /** the clocks started by the registration, with the rule that set each date */
  deadlines: { label: string; dueDate: string | null; provisional: boolean; ruleName: string }[];
}

export interface RegisterInput {
  /** send the petitioner a 登记回执 (default true; a ledger import or the demo seed sends nothing) */
  acknowledge?: boolean;
  keys: PersonalDataKeys;
  user: SessionUser;
  actor: Actor;
  now: Date;
  body: IntakeBody;
}

/** A registration with its personal data protected and a query code drawn, ready to be checked and written. */
export interface PreparedRegistration {
  actor: Actor;
  /** business time of the request */
  now: Date;
  /** the registering unit (the staff member's, or the online intake unit), owner of the case */
  owner: RegistrationOwner;
  /** a client's retry key (网上信访 / Open311): the same key answers with the same case, never a second one */
  idempotency: IdempotencyClaim | null;
  /** the kinds of unit the place of the matter may be (网上信访: a township or village only); any unit when absent */
  placeKinds?: readonly string[];
  /** 登记回执 by SMS (case number + 查询码) to the first petitioner's phone, sealed with the keys when the number is known */
  acknowledgement: { keys: PersonalDataKeys; phone: string } | null;
  year: number;
  receivedAt: Date;
  body: IntakeBody;
  petitioners: PetitionerRow[];
  probe: PeopleProbe;
  query: { code: string; hash: string };
}

interface PetitionerRow {
  name_enc: string;
  name_masked: string;
  id_number_enc: string | null;
  id_number_masked: string | null;
  id_number_bidx: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  phone_bidx: string | null;
  address: string | null;
}

/**
 * 登记, step 1 — computation only, no database: personal data encrypted, masked and blind-indexed,
 * a query code drawn. Everything that needs the database is checked in step 2, once per batch.
 */
export function prepareRegistration(opts: RegisterInput): PreparedRegistration {
  if (!canRegister(opts.user)) throw new AppError('FORBIDDEN');
  return prepareFor({ ...opts, owner: { unitId: opts.user.unitId, unitPath: opts.user.unitPath }, idempotency: null });
}

/** Stored with the case in the same transaction; the query code is kept encrypted so a retry can answer it again. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  /** SHA-256 of the request, so the same key with a different request is refused */
  requestHash: string;
  queryCodeEnc: string;
}

export interface RegistrationOwner {
  unitId: number;
  unitPath: string;
}

/** The same preparation for a registration not made by a staff member (网上信访, Open311): the owner unit is given. */
export function prepareFor(
  opts: Omit<RegisterInput, 'user'> & {
    owner: RegistrationOwner;
    idempotency: { scope: string; key: string; requestHash: string } | null;
    placeKinds?: readonly string[];
  },
): PreparedRegistration {
  const { keys, actor, now, body } = opts;
  // a letter or visit is registered after it arrived, never before (a minute's grace for a client's clock)
  if (body.receivedAt && Date.parse(body.receivedAt) > now.getTime() + 60_000) {
    throw new AppError('FIELD_INVALID', { detail: `收到时间：不能晚于当前时间（${shanghaiDate(now)}）` }, { field: 'receivedAt' });
  }
  const petitioners = body.anonymous ? [] : body.petitioners;
  const query = newQueryCode();
  const phone = petitioners.find((p) => p.phone)?.phone ?? null;
  return {
    actor,
    now,
    owner: opts.owner,
    ...(opts.placeKinds ? { placeKinds: opts.placeKinds } : {}),
    acknowledgement: opts.acknowledge !== false && phone ? { keys, phone } : null,
    idempotency: opts.idempotency ? { ...opts.idempotency, queryCodeEnc: encryptValue(keys, query.code) } : null,
    year: Number(shanghaiDate(now).slice(0, 4)),
    receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
    body,
    petitioners: petitioners.map((p) => ({
      name_enc: encryptValue(keys, p.name),
      name_masked: maskName(p.name),
      id_number_enc: p.idNumber ? encryptValue(keys, p.idNumber) : null,
      id_number_masked: p.idNumber ? maskIdNumber(p.idNumber) : null,
      id_number_bidx: p.idNumber ? blindIndex(keys, 'id_number', p.idNumber) : null,
      phone_enc: p.phone ? encryptValue(keys, p.phone) : null,
      phone_masked: p.phone ? maskPhone(p.phone) : null,
      phone_bidx: p.phone ? blindIndex(keys, 'phone', p.phone) : null,
      address: p.address ?? null,
    })),
    probe: {
      idBidx: petitioners.filter((p) => p.idNumber).map((p) => blindIndex(keys, 'id_number', p.idNumber!)),
      phoneBidx: petitioners.filter((p) => p.phone).map((p) => blindIndex(keys, 'phone', p.phone!)),
      text: `${body.title} ${body.content}`,
    },
    query,
  };
}

const rootIdOf = (unitPath: string) => Number(unitPath.split('/').filter(Boolean)[0]);

/**
 * 登记, step 2 — the database half of the checks, for a whole batch with one query per table (no lock): units and categories
 * exist, the representatives limit of the registering unit's province, and the derived flags (集体访
 * threshold; earlier petitions of the same people by blind index → 初信初访, 重复, 终结后再访); and the ids of the
 * rows to write, drawn from their sequences.
 * Throws the first item's error (a failing batch is retried item by item, so each caller gets its own).
 */
export async function checkRegistrations(db: Kysely<DB>, batch: readonly PreparedRegistration[]): Promise<CheckedRegistration[]> {
  const unitIds = [
    ...new Set(batch.flatMap((r) => [r.body.placeUnitId, r.owner.unitId, rootIdOf(r.owner.unitPath), ...(r.body.accusedUnitId ? [r.body.accusedUnitId] : [])])),
  ];
  const categoryIds = [...new Set(batch.map((r) => r.body.categoryId))];
  const receiverIds = [...new Set(batch.flatMap((r) => (r.body.visit?.receivedBy ? [r.body.visit.receivedBy] : [])))];
  const tokens = batch.flatMap((r) => r.body.attachments ?? []);
  const [units, categories, intake, earlier, clocks, ids, receivers, uploads] = await Promise.all([
    db.selectFrom('units').select(['id', 'path', 'code', 'kind', 'disabled', 'province_code']).where('id', 'in', unitIds).execute(),
    db.selectFrom('petition_categories').select('id').where('id', 'in', categoryIds).where('disabled', '=', false).execute(),
    loadIntakeSettings(db),
    findEarlierOfPeopleMany(
      db,
      batch.map((r) => r.probe),
    ),
    // the 15-day routing clock (national rule: a work item's province is '' until set)
    planDeadlines(
      db,
      batch.map((r) => ({ ruleKey: 'xf.dept.route', province: '', label: '受理/转送/交办', startedAt: r.receivedAt, actor: r.actor })),
    ),
    // the ids the rows will have, drawn now (no lock) so that step 3 writes every row in one statement
    allocateIds(db, { work_items: batch.length, deadlines: batch.length + batch.filter(hasUpperClock).length }),
    receiverIds.length > 0
      ? db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('id', 'in', receiverIds).where('disabled', '=', false).execute()
      : Promise.resolve([]),
    findClaimableUploads(db, { tokens, now: batch[0]?.now ?? new Date() }),
  ]);
  const { work_items: workItemIds, deadlines: deadlineIds } = ids;
  let nextDeadlineId = 0;
  const threshold = intake.collectiveMinPersons;
  const unitOf = new Map(units.filter((u) => !u.disabled).map((u) => [Number(u.id), u]));
  return batch.map((r, i) => {
    const { body } = r;
    if (!unitOf.has(body.placeUnitId)) throw new AppError('UNIT_INVALID', { detail: '问题属地单位不存在' }, { field: 'placeUnitId' });
    if (r.placeKinds && !r.placeKinds.includes(unitOf.get(body.placeUnitId)!.kind))
      throw new AppError('UNIT_INVALID', { detail: '问题发生地须选择乡镇（街道）或村（社区）' }, { field: 'placeUnitId' });
    if (body.accusedUnitId && !unitOf.has(body.accusedUnitId)) throw new AppError('UNIT_INVALID', { detail: '被反映单位不存在' }, { field: 'accusedUnitId' });
    if (!categories.some((c) => Number(c.id) === body.categoryId))
      throw new AppError('FIELD_INVALID', { detail: '问题类别：不存在或已停用' }, { field: 'categoryId' });
    const county = unitOf.get(rootIdOf(r.owner.unitPath));
    if (!county) throw new AppError('NOT_FOUND');
    const receivedBy = body.visit?.receivedBy;
    const receiver = receivedBy ? receivers.find((u) => Number(u.id) === receivedBy) : undefined;
    if (receivedBy && (!receiver || Number(receiver.unit_id) !== r.owner.unitId))
      throw new AppError('FIELD_INVALID', { detail: '接待人：须为本单位在岗的工作人员' }, { field: 'visit.receivedBy' });
    const mine = r.body.attachments ?? [];
    if (new Set(mine).size !== mine.length || !mine.every((t) => uploads.some((u) => tokenIn([t], u))))
      throw new AppError('FIELD_INVALID', { detail: '附件：文件已失效或已被使用，请重新上传' }, { field: 'attachments' });
    checkRepresentatives(body, representativesRuleFor(intake, unitOf.get(r.owner.unitId)?.province_code ?? ''));
    const derived = deriveRepeatFlags(earlier[i]!.map(toEarlier), body.categoryId);
    const flags: RegisterResult['flags'] = {
      collective: isCollective({ persons: body.visit?.persons ?? 0, petitioners: r.petitioners.length, threshold }),
      firstTime: derived.firstTime,
      repeat: derived.repeat,
      repeatOf: derived.repeatOf,
      skippedLevel: body.skippedLevel,
      lawRelated: body.lawRelated,
      afterTermination: derived.afterTermination,
    };
    // an item 交办/转送 from a higher level carries that level's own due date: a clock of its own
    const upperClock = hasUpperClock(r)
      ? planInstructedDeadline({
          label: '上级交办期限',
          dueDate: body.upper!.dueDate,
          basis: `${UPPER_LEVEL_NAMES[body.upper!.level]}交办（${body.upper!.refNo}）`,
          startedAt: r.receivedAt,
          actor: r.actor,
        })
      : null;
    const clockIds = deadlineIds.slice(nextDeadlineId, (nextDeadlineId += upperClock ? 2 : 1));
    return {
      receiverName: receiver?.display_name ?? null,
      countyCode: county.code,
      accusedUnitPath: body.accusedUnitId ? unitOf.get(body.accusedUnitId)!.path : null,
      flags,
      routeClock: clocks[i]!,
      upperClock,
      workItemId: workItemIds[i]!,
      deadlineIds: clockIds,
    };
  });
}

const hasUpperClock = (r: PreparedRegistration): boolean => r.body.channel === 'upper' && r.body.upper !== undefined && r.body.upper !== null;

/** What the database says about a prepared registration: where it belongs, its flags, its first clocks, its ids. */
export interface CheckedRegistration {
  /** 接待人 of a visit, recorded by name with the visit */
  receiverName: string | null;
  countyCode: string;
  accusedUnitPath: string | null;
  flags: RegisterResult['flags'];
  routeClock: PlannedDeadline;
  upperClock: PlannedDeadline | null;
  workItemId: number;
  /** the routing clock's, then the upper level's if any */
  deadlineIds: number[];
}

/**
 * The registration statement marks itself as writing whole cases: its petitions trigger then refreshes their facts
 * once, and the petitioners and deadlines triggers of the same statement skip (migration 0016).
 */
const WHOLE_CASES = sql`set_config('anwen.facts_whole_cases', statement_timestamp()::text, true)`;

const UPPER_LEVEL_NAMES = { national: '国家信访局', province: '省信访局', city: '市信访局' } as const;

/**
 * 登记, step 3 — writes checked registrations inside the caller's transaction: the case numbers (the lock
 * every registration queues on), then every row of the whole batch in one statement (work items, petitions,
 * petitioners, retry claims, 登记回执, the routing clocks and their events), then the audit events (which
 * record the case, never the petitioners' personal data). Three round trips under the lock, whatever the batch.
 */
export async function writeRegistrations(
  trx: Transaction<DB>,
  batch: readonly PreparedRegistration[],
  checked: readonly CheckedRegistration[],
): Promise<RegisterResult[]> {
  if (batch.length === 0) return [];
  const caseNos: string[] = [];
  for (const year of [...new Set(batch.map((r) => r.year))]) {
    const ofYear = batch.filter((r) => r.year === year);
    const seqs = await nextSequences(trx, 'petition', year, ofYear.length);
    ofYear.forEach((r, i) => (caseNos[batch.indexOf(r)] = formatCaseNo(PETITION_MODULE.caseNoPrefix, checked[batch.indexOf(r)]!.countyCode, year, seqs[i]!)));
  }
  const ids = checked.map((c) => c.workItemId);
  const petitioners = batch.flatMap((r, i) => r.petitioners.map((p) => ({ ...p, petition_id: ids[i]! })));
  // a reused key violates the primary key: the batch fails, is retried item by item, and that caller answers from the stored claim
  const claims = batch.flatMap((r, i) =>
    r.idempotency
      ? [
          {
            scope: r.idempotency.scope,
            key: r.idempotency.key,
            request_hash: r.idempotency.requestHash,
            work_item_id: ids[i]!,
            query_code_enc: r.idempotency.queryCodeEnc,
          },
        ]
      : [],
  );
  // the 登记回执 exists if and only if the registration committed
  const receipts = batch.flatMap((r, i) =>
    r.acknowledgement
      ? registrationAcknowledgement({
          keys: r.acknowledgement.keys,
          caseNo: caseNos[i]!,
          queryCode: r.query.code,
          phone: r.acknowledgement.phone,
          workItemId: ids[i]!,
        })
      : [],
  );
  const clocks = batch.flatMap((_, i) => [
    { workItemId: ids[i]!, plan: checked[i]!.routeClock },
    ...(checked[i]!.upperClock ? [{ workItemId: ids[i]!, plan: checked[i]!.upperClock! }] : []),
  ]);
  const clockRows = plannedDeadlineRows(
    clocks,
    checked.flatMap((c) => c.deadlineIds),
  );
  // every row in one statement — it runs under the case-number lock, and the facts triggers then see the whole case at once
  await insertAll(
    trx,
    [
      (db) =>
        db.insertInto('work_items').values(
          batch.map((r, i) => ({
            id: ids[i]!,
            module: 'petition',
            ref_no: caseNos[i]!,
            title: r.body.title,
            state: 'registered',
            owner_unit_id: r.owner.unitId,
            owner_unit_path: r.owner.unitPath,
            last_event_on: shanghaiDate(r.receivedAt),
            received_on: shanghaiDate(r.receivedAt),
          })),
        ),
      (db) =>
        db.insertInto('petitions').values(
          batch.map((r, i) => ({
            id: ids[i]!,
            case_no: caseNos[i]!,
            stage: 'initial',
            review_of: null,
            root_id: ids[i]!,
            channel: r.body.channel,
            matter_type: r.body.matterType,
            category_id: r.body.categoryId,
            place_unit_id: r.body.placeUnitId,
            accused_unit_id: r.body.accusedUnitId ?? null,
            accused_unit_path: checked[i]!.accusedUnitPath,
            title: r.body.title,
            content: r.body.content,
            urgency: r.body.urgency,
            received_at: r.receivedAt,
            visit: r.body.visit ? JSON.stringify({ ...r.body.visit, ...(checked[i]!.receiverName ? { receivedByName: checked[i]!.receiverName } : {}) }) : null,
            upper_ref: r.body.upper ? JSON.stringify(r.body.upper) : null,
            anonymous: r.body.anonymous,
            collective: checked[i]!.flags.collective,
            first_time: checked[i]!.flags.firstTime,
            is_repeat: checked[i]!.flags.repeat,
            repeat_of: checked[i]!.flags.repeatOf,
            skipped_level: checked[i]!.flags.skippedLevel,
            law_related: checked[i]!.flags.lawRelated,
            after_termination: checked[i]!.flags.afterTermination,
            query_code_hash: r.query.hash,
          })),
        ),
      petitioners.length > 0 ? (db) => db.insertInto('petitioners').values(petitioners) : null,
      claims.length > 0 ? (db) => db.insertInto('intake_idempotency').values(claims) : null,
      receipts.length > 0 ? (db) => db.insertInto('outbox_messages').values(outboxRows(receipts, batch[0]!.now)) : null,
      ...clockRows.inserts,
    ],
    { select: WHOLE_CASES },
  );
  const attached = await claimRegistrationFiles(trx, batch, ids);
  // the registrations' audit events and their clocks' go in one append (one head-row update)
  await appendAuditEvents(trx, [
    ...batch.map((r, i) => ({
      actor: r.actor,
      input: {
        action: 'petition.register',
        entityType: 'work_item',
        entityId: ids[i]!,
        after: {
          caseNo: caseNos[i],
          // the business date of the registration is the day the letter or visit arrived (补录: entered later)
          occurredOn: shanghaiDate(r.receivedAt),
          channel: r.body.channel,
          matterType: r.body.matterType,
          categoryId: r.body.categoryId,
          placeUnitId: r.body.placeUnitId,
          petitioners: r.petitioners.length,
          anonymous: r.body.anonymous,
          flags: checked[i]!.flags,
          state: 'registered',
          ...(r.body.visit?.receivedBy ? { receivedBy: r.body.visit.receivedBy } : {}),
        },
        ...(r.body.backdateReason ? { reason: `补录：${r.body.backdateReason}` } : {}),
      },
    })),
    ...attached,
    ...clockRows.audit,
  ]);
  const views = clockRows.views;
  return batch.map((r, i) => ({
    id: ids[i]!,
    caseNo: caseNos[i]!,
    queryCode: r.query.code,
    state: 'registered',
    flags: checked[i]!.flags,
    receivedAt: r.receivedAt.toISOString(),
    deadlines: views.flatMap((v, k) =>
      v.workItemId === ids[i] ? [{ label: v.label, dueDate: v.dueDate, provisional: v.provisional, ruleName: clocks[k]!.plan.rule.name }] : [],
    ),
  }));
}

/**
 * The files chosen in the registration form (the scanned letter, the visit record), claimed and attached to their new
 * cases in the registration's transaction: a case never exists without them, nor they attached to a case that failed.
 * Only registrations with files pay for the two statements.
 */
async function claimRegistrationFiles(
  trx: Transaction<DB>,
  batch: readonly PreparedRegistration[],
  ids: readonly number[],
): Promise<{ actor: Actor; input: { action: string; entityType: string; entityId: number; after: unknown } }[]> {
  const wanted = batch.flatMap((r, i) => (r.body.attachments ?? []).map((token) => ({ token, workItemId: ids[i]!, actor: r.actor })));
  if (wanted.length === 0) return [];
  const now = batch[0]!.now;
  const claimed = await trx
    .updateTable('uploads')
    .set({ claimed_at: now })
    .where('token_hash', 'in', tokenHashes(wanted.map((w) => w.token)))
    .where('claimed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'token_hash', 'name', 'size', 'type'])
    .execute();
  // claimed by someone else since the check: the registration fails as a whole
  if (claimed.length !== wanted.length) throw new AppError('FIELD_INVALID', { detail: '附件：文件已失效或已被使用，请重新上传' }, { field: 'attachments' });
  const rows = wanted.map((w) => ({ ...w, upload: claimed.find((u) => tokenIn([w.token], u))! }));
  await trx
    .insertInto('item_attachments')
    .values(rows.map((w) => ({ work_item_id: w.workItemId, upload_id: w.upload.id, created_at: now })))
    .execute();
  return batch.flatMap((r, i) => {
    const mine = rows.filter((w) => w.workItemId === ids[i]);
    return mine.length === 0
      ? []
      : [
          {
            actor: r.actor,
            input: {
              action: 'item.attachments',
              entityType: 'work_item',
              entityId: ids[i]!,
              after: {
                attachments: mine.map((w) => ({ uploadId: Number(w.upload.id), name: w.upload.name, size: Number(w.upload.size), type: w.upload.type })),
              },
            },
          },
        ];
  });
}

/** Checks and writes inside the caller's transaction (a ledger import: all rows or none). */
export async function registerInTransaction(trx: Transaction<DB>, batch: readonly PreparedRegistration[]): Promise<RegisterResult[]> {
  return writeRegistrations(trx, batch, await checkRegistrations(trx, batch));
}

/** 登记 in a transaction of its own (seed, scripts). The API uses a RegistrationWriter. */
export async function registerPetition(opts: RegisterInput & { db: Kysely<DB> }): Promise<RegisterResult> {
  const prepared = prepareRegistration(opts);
  const [result] = await opts.db.transaction().execute((trx) => registerInTransaction(trx, [prepared]));
  return result!;
}

/**
 * The API's registration path: prepared registrations that arrive together are written in one
 * transaction (group commit), so 50 clients registering at once do not queue one by one on the
 * case-number and audit-chain locks. Each caller still gets its answer only after its commit.
 */
export function createRegistrationWriter(db: Kysely<DB>, maxBatch = 64): (prepared: PreparedRegistration) => Promise<RegisterResult> {
  return groupCommit<PreparedRegistration, RegisterResult>({ maxBatch, write: (batch) => registerBatch(db, batch) });
}

/**
 * One group commit's work: the batch checked (no lock; or `checked` already, item for item), then written in one
 * transaction. All or nothing: the first item's error fails the batch (the group commit then retries its items one by
 * one).
 */
export async function registerBatch(
  db: Kysely<DB>,
  batch: readonly PreparedRegistration[],
  checked?: readonly CheckedRegistration[],
): Promise<RegisterResult[]> {
  if (batch.length === 0) return [];
  const ready = checked ?? (await checkRegistrations(db, batch));
  return db.transaction().execute((trx) => writeRegistrations(trx, batch, ready));
}
