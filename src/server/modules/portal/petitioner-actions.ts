import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { PETITION_MACHINE, stateName } from '../petitions/machine.ts';
import { loadCtx } from '../petitions/repository.ts';
import { applyPetitionTransition } from '../petitions/actions/perform-action.ts';
import { requestHash } from '../petitions/register-online.ts';
import { chainOf, loadPetitionRow, type PetitionerAction } from './citizen-case.ts';

/** The citizen's words → the machine's input for the action (what staff would record for them). */
function machineInput(action: PetitionerAction, body: Record<string, unknown>): Record<string, unknown> {
  if (action === 'evaluate') return { result: body.result, ...(body.comment ? { comment: body.comment } : {}) };
  if (action === 'apply_review') return { note: body.reason };
  return { ...(body.reason ? { reason: body.reason } : {}) };
}

/**
 * The petitioner acts on their own matter (proven by the track token): 评价, 申请复查/复核, 撤回.
 * The same machine decides as for staff — state, input, guard (the evaluation and review windows) —
 * except its staff policy: the policy here is "the petitioner of this case". Effects, messages and the
 * audit event are the staff path's (applyPetitionTransition). The action applies to the matter's
 * newest case (a 复查 case once review was applied for). An Idempotency-Key stored in the same
 * transaction answers a retry without acting twice.
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
    const earlier = await trx.selectFrom('portal_action_keys').select('request_hash').where('petition_id', '=', opts.petitionId).where('key', '=', opts.idempotencyKey).executeTakeFirst();
    if (earlier) {
      if (earlier.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { replayed: true };
    }
    const row = await loadPetitionRow(trx, activeId);
    const { ctx } = await loadCtx(trx, row);
    const def = PETITION_MACHINE.actions[opts.action]!;
    if (!def.from.includes(ctx.state) || (opts.action === 'apply_review' && ctx.stage === 'fuhe')) {
      throw new AppError('TRANSITION_NOT_ALLOWED', { action: def.name, state: stateName(ctx.state), reason: '当前状态下不能进行此操作，请刷新查询结果' });
    }
    const parsed = def.input.safeParse(machineInput(opts.action, opts.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('VALIDATION_FAILED', { detail: `${issue?.path.join('.') ?? ''}：${issue?.message ?? ''}` }, { field: issue?.path.join('.') ?? '' });
    }
    const reason = def.guard?.(ctx, parsed.data, now) ?? null;
    if (reason !== null) throw new AppError('TRANSITION_NOT_ALLOWED', { action: def.name, state: stateName(ctx.state), reason });
    const to = typeof def.to === 'function' ? def.to(parsed.data, ctx) : def.to;
    await applyPetitionTransition(trx, { row, ctx, action: opts.action, input: parsed.data as Record<string, unknown>, to, actor: opts.actor, now, keys: opts.keys });
    await trx.insertInto('portal_action_keys').values({ petition_id: opts.petitionId, key: opts.idempotencyKey, request_hash: hash, created_at: now }).execute();
    return { replayed: false };
  });
}
