import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { fieldLabel } from '../../core/http/zod-messages.ts';
import type { ActingParty } from '../actions/acting-party.ts';
import { BUSINESS_DATE_FIELDS, checkBusinessDate } from '../actions/business-date.ts';

/**
 * A case state machine as data: states with zh-CN names (and which are final), actions with the states
 * they leave, the state they reach (fixed, or chosen by the input), who may take them (policy, for any
 * kind of acting party) and when (guard, judged on the event's business date). Every module defines its
 * chain with this, so "what may I do now" and "refuse an illegal transition" are answered the same way
 * everywhere, and the runner (kernel/actions) applies it.
 */
export interface StateDef {
  name: string;
  /** the item is closed in this state (work_items.open = false) */
  final?: boolean;
}

export interface ActionDef<S extends string, Item, Input extends z.ZodType = z.ZodType> {
  name: string;
  from: readonly S[];
  to: S | ((input: z.output<Input>, item: Item) => S);
  policy: (party: ActingParty, item: Item) => boolean;
  /** null = allowed; otherwise the zh-CN reason why not on business date `on` (input undefined: asked without one) */
  guard?: (item: Item, input: z.output<Input> | undefined, on: string) => string | null;
  input: Input;
}

export interface Machine<S extends string, Item, A extends string> {
  states: Record<S, StateDef>;
  actions: Record<A, ActionDef<S, Item>>;
}

/**
 * Keeps the literal state/action codes, checks the states named, and gives every action's input the
 * business-date fields (occurredOn, backdateReason): every event of every module carries its date.
 */
export function defineMachine<S extends string, Item, A extends string>(machine: {
  states: Record<S, StateDef>;
  actions: { [K in A]: ActionDef<S, Item, z.ZodType> };
}): Machine<S, Item, A> {
  const actions = {} as Record<A, ActionDef<S, Item>>;
  for (const [code, action] of Object.entries<ActionDef<S, Item>>(machine.actions)) {
    for (const s of action.from) if (!(s in machine.states)) throw new Error(`machine: action ${code} from unknown state ${s}`);
    if (typeof action.to === 'string' && !(action.to in machine.states)) throw new Error(`machine: action ${code} to unknown state ${action.to}`);
    if (!(action.input instanceof z.ZodObject)) throw new Error(`machine: action ${code} input must be an object schema`);
    actions[code as A] = { ...action, input: action.input.extend(BUSINESS_DATE_FIELDS) };
  }
  return { states: machine.states, actions };
}

export interface MachineItem<S extends string> {
  state: S;
}

export interface AllowedAction {
  code: string;
  name: string;
  inputSchema?: unknown;
}

/**
 * The actions `party` may take on `item` now: state matches, policy allows, and the guard passes on some
 * business date the event could carry — today, or the earliest date allowed (`earliest`: the item's last
 * event), so that a 复查 request received within its period can still be recorded after it.
 */
export function allowedActions<S extends string, Item extends MachineItem<S>, A extends string>(
  machine: Machine<S, Item, A>,
  party: ActingParty,
  item: Item,
  dates: { today: string; earliest?: string | null },
): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const [code, action] of Object.entries<ActionDef<S, Item>>(machine.actions)) {
    if (!action.from.includes(item.state)) continue;
    if (!action.policy(party, item)) continue;
    if (action.guard && action.guard(item, undefined, dates.today) !== null && (!dates.earliest || action.guard(item, undefined, dates.earliest) !== null))
      continue;
    out.push({ code, name: action.name, inputSchema: inputJsonSchema(action.input) });
  }
  return out;
}

function inputJsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' });
  } catch {
    return undefined;
  }
}

export interface CheckedTransition<S extends string, Item, A extends string> {
  action: A;
  def: ActionDef<S, Item>;
  /** the parsed input, business-date fields included */
  input: Record<string, unknown>;
  to: S;
  /** the business date the event happened on */
  on: string;
}

/**
 * Checks one transition and returns the parsed input, the target state and the business date, or throws:
 * unknown action 404, wrong state / guard 409 TRANSITION_NOT_ALLOWED (naming action and state), policy
 * alone 403, bad input or business date 400 (zod or the date rule, with the field).
 */
export function assertTransition<S extends string, Item extends MachineItem<S>, A extends string>(
  machine: Machine<S, Item, A>,
  opts: { party: ActingParty; item: Item; action: string; input: unknown; today: string; lastEventOn: string | null; windowDays: number },
): CheckedTransition<S, Item, A> {
  const { party, item } = opts;
  if (!Object.hasOwn(machine.actions, opts.action)) throw new AppError('ACTION_UNKNOWN', { action: opts.action });
  const code = opts.action as A;
  const def = machine.actions[code];
  const stateName = machine.states[item.state]?.name ?? item.state;
  if (!def.from.includes(item.state)) {
    throw new AppError('TRANSITION_NOT_ALLOWED', {
      action: def.name,
      state: stateName,
      reason: `只能在“${def.from.map((s) => machine.states[s].name).join('/')}”状态下进行`,
    });
  }
  if (!def.policy(party, item)) throw new AppError('FORBIDDEN');
  const parsed = def.input.safeParse(opts.input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    // the field by its Chinese name (理由, 批准人 …), never its code
    throw new AppError('VALIDATION_FAILED', { detail: `${fieldLabel(issue?.path ?? [])}：${issue?.message ?? ''}` }, { field });
  }
  const input = parsed.data as Record<string, unknown> & { occurredOn?: string; backdateReason?: string };
  const on = checkBusinessDate({
    occurredOn: input.occurredOn,
    backdateReason: input.backdateReason,
    today: opts.today,
    lastEventOn: opts.lastEventOn,
    windowDays: opts.windowDays,
  });
  const reason = def.guard?.(item, input, on) ?? null;
  if (reason !== null) throw new AppError('TRANSITION_NOT_ALLOWED', { action: def.name, state: stateName, reason });
  const to = typeof def.to === 'function' ? def.to(input, item) : def.to;
  return { action: code, def, input, to, on };
}
