import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { canonicalJson } from '../../core/audit/canonical-json.ts';
import { decryptValue, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import type { IntakeBody } from './intake-schema.ts';
import { INSTRUCTED_RULE_KEY, INSTRUCTED_RULE_NAME } from '../../kernel/deadlines/index.ts';
import { createRegistrationWriter, prepareFor, type RegisterResult, type RegistrationOwner } from './register-petition.ts';

/** settings key: the unit that owns petitions arriving online (the county's 信访局); default the county itself. */
export const ONLINE_INTAKE_UNIT_SETTING = 'xf.online.intake_unit_id';

/** Who owns an online petition: the configured intake unit, else the root (county) unit. */
export async function loadOnlineIntakeOwner(db: Kysely<DB>): Promise<RegistrationOwner> {
  // one round trip: the configured unit if it is set and enabled, else the county root
  const unit = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb('parent_id', 'is', null),
        eb(
          sql`id::text`,
          '=',
          eb
            .selectFrom('settings')
            .select(sql<string>`value #>> '{}'`.as('v'))
            .where('key', '=', ONLINE_INTAKE_UNIT_SETTING),
        ),
      ]),
    )
    .orderBy(sql`parent_id IS NULL`)
    .orderBy('id')
    .executeTakeFirst();
  if (!unit) throw new AppError('ONLINE_INTAKE_UNIT_MISSING');
  return { unitId: Number(unit.id), unitPath: unit.path };
}

/** SHA-256 of the canonical request: the same key must come with the same request. */
export const requestHash = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');

export interface OnlineSubmission {
  /** the intake body, channel 'online' */
  body: IntakeBody;
  /** the citizen (no account) or the partner app, as the audit trail names it */
  actor: Actor;
  now: Date;
  /** 'portal' | 'open311:<app>' and the client's Idempotency-Key; null = no retry protection */
  idempotency: { scope: string; key: string; request: unknown } | null;
}

export type OnlineResult = RegisterResult & { replayed: boolean };

/**
 * Registration of petitions that arrive without a staff member from Open311 partner apps (the 网上信访 portal
 * registers through its own batch, portal/portal-intake.ts, with the same prepareFor and registerBatch). Same use
 * case as staff intake (checks, flags, numbers, clocks, audit), owned by the online intake unit. With an
 * Idempotency-Key, a retried request answers with the case it created — the claim is stored in the registration's own
 * transaction, so a crash can never leave a case without its claim.
 */
export function createOnlineRegistration(db: Kysely<DB>, keys: PersonalDataKeys): (submission: OnlineSubmission) => Promise<OnlineResult> {
  const write = createRegistrationWriter(db);

  return async (s) => {
    const claim = s.idempotency ? { scope: s.idempotency.scope, key: s.idempotency.key, requestHash: requestHash(s.idempotency.request) } : null;
    const [earlier, owner] = await Promise.all([claim ? replay(db, keys, claim.scope, claim.key, claim.requestHash) : null, loadOnlineIntakeOwner(db)]);
    if (earlier) return earlier;
    try {
      return { ...(await write(prepareFor({ keys, actor: s.actor, now: s.now, body: s.body, owner, idempotency: claim }))), replayed: false };
    } catch (err) {
      // two requests with the same key at once: the second lost the race on the primary key
      if (claim && (err as { code?: string }).code === '23505') {
        const first = await replay(db, keys, claim.scope, claim.key, claim.requestHash);
        if (first) return first;
      }
      throw err;
    }
  };
}

/**
 * The answer to a retried request: the case the first request with this key created (null if the key is new; a
 * different request under the same key is refused). The portal asks it once its submission gate has found the key
 * used, before anything is counted or spent, or when its own registration lost the race for the key.
 */
export async function answerRetry(
  db: Kysely<DB>,
  keys: PersonalDataKeys,
  idempotency: { scope: string; key: string; request: unknown },
): Promise<OnlineResult | null> {
  return replay(db, keys, idempotency.scope, idempotency.key, requestHash(idempotency.request));
}

async function replay(db: Kysely<DB>, keys: PersonalDataKeys, scope: string, key: string, hash: string): Promise<OnlineResult | null> {
  const claim = await db
    .selectFrom('intake_idempotency as c')
    .innerJoin('petitions as p', 'p.id', 'c.work_item_id')
    .innerJoin('work_items as wi', 'wi.id', 'c.work_item_id')
    .select([
      'c.request_hash',
      'c.query_code_enc',
      'p.id',
      'p.case_no',
      'p.received_at',
      'wi.state',
      'p.collective',
      'p.first_time',
      'p.is_repeat',
      'p.repeat_of',
      'p.skipped_level',
      'p.law_related',
      'p.after_termination',
    ])
    .where('c.scope', '=', scope)
    .where('c.key', '=', key)
    .executeTakeFirst();
  if (!claim) return null;
  if (claim.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const deadlines = await db
    .selectFrom('deadlines as d')
    .leftJoin('legal_rules as r', (j) => j.onRef('r.key', '=', 'd.rule_key').on('r.province', '=', ''))
    .select(['d.label', 'd.due_date', 'd.provisional', 'd.rule_key', 'r.name'])
    .where('d.work_item_id', '=', claim.id)
    .where('d.status', '=', 'running')
    .orderBy('d.id')
    .execute();
  return {
    receivedAt: new Date(claim.received_at).toISOString(),
    deadlines: deadlines.map((d) => ({
      label: d.label,
      dueDate: d.due_date,
      provisional: d.provisional,
      // a rule removed since keeps its deadline's own label: never its key
      ruleName: d.rule_key === INSTRUCTED_RULE_KEY ? INSTRUCTED_RULE_NAME : (d.name ?? d.label),
    })),
    id: Number(claim.id),
    caseNo: claim.case_no,
    queryCode: decryptValue(keys, claim.query_code_enc),
    state: claim.state,
    flags: {
      collective: claim.collective,
      firstTime: claim.first_time,
      repeat: claim.is_repeat,
      repeatOf: claim.repeat_of === null ? null : Number(claim.repeat_of),
      skippedLevel: claim.skipped_level,
      lawRelated: claim.law_related,
      afterTermination: claim.after_termination,
    },
    replayed: true,
  };
}
