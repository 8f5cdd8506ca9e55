import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { runPetitionAction } from '../actions/perform-action.ts';
import { requestHash } from '../register-online.ts';
import { chainOf, type PetitionerAction } from './citizen-case.ts';

/** The citizen's words → the machine's input for the action (what staff would record for them). */
function machineInput(action: PetitionerAction, body: Record<string, unknown>): Record<string, unknown> {
  if (action === 'evaluate') return { result: body.result, ...(body.comment ? { comment: body.comment } : {}) };
  if (action === 'apply_review') return { note: body.reason };
  return { ...(body.reason ? { reason: body.reason } : {}) };
}

/**
 * The petitioner acts on their own matter (proven by the track token): 评价, 申请复查/复核, 撤回 — through
 * the kernel's one runner, as the citizen of the matter's cases (the machine's policy for citizens), on
 * the matter's newest case (a 复查 case once review was applied for). Their events happen the day they
 * act: the portal never sends a business date. An Idempotency-Key stored in the same transaction answers
 * a retry without acting twice.
 */
export async function performAsPetitioner(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  petitionId: number;
  action: PetitionerAction;
  body: Record<string, unknown>;
  idempotencyKey: string;
  actor: Actor;
  now: Date;
}): Promise<{ replayed: boolean }> {
  const { db, now } = opts;
  const hash = requestHash({ action: opts.action, body: opts.body });
  return db.transaction().execute(async (trx) => {
    const ids = await chainOf(trx, opts.petitionId);
    const activeId = ids.at(-1)!;
    await trx.selectFrom('work_items').select('id').where('id', '=', activeId).forUpdate().executeTakeFirst();
    const earlier = await trx
      .selectFrom('portal_action_keys')
      .select('request_hash')
      .where('petition_id', '=', opts.petitionId)
      .where('key', '=', opts.idempotencyKey)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { replayed: true };
    }
    await runPetitionAction(trx, {
      party: { kind: 'citizen', itemIds: ids },
      actor: opts.actor,
      id: activeId,
      action: opts.action,
      input: machineInput(opts.action, opts.body),
      now,
      keys: opts.keys,
    });
    await trx
      .insertInto('portal_action_keys')
      .values({ petition_id: opts.petitionId, key: opts.idempotencyKey, request_hash: hash, created_at: now })
      .execute();
    return { replayed: false };
  });
}
