import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { assertTransition, type Machine, type MachineItem } from '../machine/index.ts';
import type { ActingParty } from './acting-party.ts';
import { businessInstant, loadBackdateWindow } from './business-date.ts';

/** One transition as the module's effects see it. */
export interface ActionStep<Row, Ctx> {
  trx: Transaction<DB>;
  row: Row;
  ctx: Ctx;
  action: string;
  /** the parsed input (business-date fields included) */
  input: Record<string, unknown>;
  party: ActingParty;
  actor: Actor;
  /** the business date the event happened on (checked), and its instant for clock events */
  on: string;
  at: Date;
  /** when it is recorded */
  now: Date;
  keys?: PersonalDataKeys;
}

/**
 * What a module gives the runner for its items: its machine, how to load an item as the machine sees
 * it, the typed side effects of its actions, and what follows every transition (decisions, messages).
 */
export interface ModuleActions<S extends string, Ctx extends MachineItem<S>, Row> {
  /** work_items.module; audit events are `${kind}.${action}` */
  kind: string;
  machine: Machine<S, Ctx, string>;
  /**
   * The item (its work_items row already locked by the runner) and the machine's view of it. For staff
   * it must apply the module's visibility rule (NOT_FOUND outside it); other parties are checked by policy.
   */
  load(trx: Transaction<DB>, id: number, party: ActingParty): Promise<{ row: Row; ctx: Ctx }>;
  effects: Readonly<Record<string, (step: ActionStep<Row, Ctx>) => Promise<void>>>;
  /** after the new state is written, in the same transaction (the module's decisions, messages) */
  after?(step: ActionStep<Row, Ctx>, to: S): Promise<void>;
  /**
   * after the transition's audit event, in the same transaction: what follows from the decision and is
   * recorded after it (the written notice it issues, then the message naming that notice)
   */
  followUp?(step: ActionStep<Row, Ctx>, to: S): Promise<void>;
  /** the zh-CN reason the audit event keeps (e.g. a rejection's reason) */
  auditReason?(input: Record<string, unknown>): string | undefined;
}

/**
 * THE runner: one transition of any module's item by any acting party, all or nothing, in the caller's
 * transaction — lock the item → load it (scope) → the machine checks state, policy, input, business date
 * and guard (404/409/403/400 before anything is written) → the action's effect (clocks on business dates,
 * parties …) → the new state (open unless final) and the item's last event date → the module's follow-up
 * → one audit event with the business date and, as every audit event, the time recorded → what follows from it
 * (a written notice, a message).
 */
export async function runAction<S extends string, Ctx extends MachineItem<S>, Row>(
  trx: Transaction<DB>,
  module: ModuleActions<S, Ctx, Row>,
  opts: { id: number; action: string; input: unknown; party: ActingParty; actor: Actor; now: Date; keys?: PersonalDataKeys },
): Promise<{ to: S; on: string }> {
  const locked = await trx.selectFrom('work_items').select(['id', 'module', 'last_event_on']).where('id', '=', opts.id).forUpdate().executeTakeFirst();
  if (!locked || locked.module !== module.kind) throw new AppError('NOT_FOUND');
  const { row, ctx } = await module.load(trx, opts.id, opts.party);
  const t = assertTransition(module.machine, {
    party: opts.party,
    item: ctx,
    action: opts.action,
    input: opts.input,
    today: shanghaiDate(opts.now),
    lastEventOn: locked.last_event_on,
    windowDays: await loadBackdateWindow(trx),
  });
  const step: ActionStep<Row, Ctx> = {
    trx,
    row,
    ctx,
    action: t.action,
    input: t.input,
    party: opts.party,
    actor: opts.actor,
    on: t.on,
    at: businessInstant(t.on, opts.now),
    now: opts.now,
    keys: opts.keys,
  };
  const effect = module.effects[t.action];
  if (!effect) throw new Error(`runner: ${module.kind} action ${t.action} has no effect`);
  await effect(step);
  const final = module.machine.states[t.to].final === true;
  await trx.updateTable('work_items').set({ state: t.to, open: !final, updated_at: opts.now, last_event_on: t.on }).where('id', '=', opts.id).execute();
  await module.after?.(step, t.to);
  const backdateReason = typeof t.input.backdateReason === 'string' ? t.input.backdateReason : undefined;
  const reason = [module.auditReason?.(t.input), backdateReason && `补录：${backdateReason}`].filter(Boolean).join('；') || undefined;
  await appendAudit(trx, opts.actor, {
    action: `${module.kind}.${t.action}`,
    entityType: 'work_item',
    entityId: opts.id,
    before: { state: ctx.state },
    after: { state: t.to, input: t.input, occurredOn: t.on },
    reason,
  });
  await module.followUp?.(step, t.to);
  return { to: t.to, on: t.on };
}
