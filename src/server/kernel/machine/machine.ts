import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { SessionUser } from '../../core/auth/types.ts';

/**
 * A case state machine as data: states with zh-CN names, actions with the states they leave, the
 * state they reach (fixed, or chosen by the input), who may take them (policy) and when (guard).
 * Every module (petitions, hazards, tasks …) defines its chain with this, so "what may I do now"
 * and "refuse an illegal transition" are answered the same way everywhere.
 */
export interface StateDef {
  name: string;
}

export interface ActionDef<S extends string, Item, Input extends z.ZodType = z.ZodType> {
  name: string;
  from: readonly S[];
  to: S | ((input: z.output<Input>, item: Item) => S);
  policy: (user: SessionUser, item: Item) => boolean;
  /** null = allowed; otherwise the zh-CN reason why not now */
  guard?: (item: Item, input: z.output<Input> | undefined, now: Date) => string | null;
  input: Input;
}

export interface Machine<S extends string, Item, A extends string> {
  states: Record<S, StateDef>;
  actions: Record<A, ActionDef<S, Item>>;
}

/** Identity with types: keeps the literal state/action codes. */
export function defineMachine<S extends string, Item, A extends string>(machine: {
  states: Record<S, StateDef>;
  actions: { [K in A]: ActionDef<S, Item, z.ZodType> };
}): Machine<S, Item, A> {
  for (const [code, action] of Object.entries<ActionDef<S, Item>>(machine.actions)) {
    for (const s of action.from) if (!(s in machine.states)) throw new Error(`machine: action ${code} from unknown state ${s}`);
    if (typeof action.to === 'string' && !(action.to in machine.states)) throw new Error(`machine: action ${code} to unknown state ${action.to}`);
  }
  return machine;
}

export interface MachineItem<S extends string> {
  state: S;
}

export interface AllowedAction {
  code: string;
  name: string;
  inputSchema?: unknown;
}

/** The actions `user` may take on `item` now: state matches, policy allows, guard passes. */
export function allowedActions<S extends string, Item extends MachineItem<S>, A extends string>(
  machine: Machine<S, Item, A>,
  user: SessionUser,
  item: Item,
  now: Date,
): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const [code, action] of Object.entries<ActionDef<S, Item>>(machine.actions)) {
    if (!action.from.includes(item.state)) continue;
    if (!action.policy(user, item)) continue;
    if (action.guard && action.guard(item, undefined, now) !== null) continue;
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

/**
 * Checks one transition and returns the parsed input and the target state, or throws:
 * unknown action 404, wrong state / guard 409 TRANSITION_NOT_ALLOWED (naming action and state),
 * policy alone 403, bad input 400 (zod, with the field).
 */
export function assertTransition<S extends string, Item extends MachineItem<S>, A extends string>(
  machine: Machine<S, Item, A>,
  opts: { user: SessionUser; item: Item; action: string; input: unknown; now: Date },
): { action: A; def: ActionDef<S, Item>; input: unknown; to: S } {
  const { user, item, now } = opts;
  if (!Object.hasOwn(machine.actions, opts.action)) throw new AppError('ACTION_UNKNOWN', { action: opts.action });
  const code = opts.action as A;
  const def = machine.actions[code];
  const stateName = machine.states[item.state]?.name ?? item.state;
  if (!def.from.includes(item.state)) {
    throw new AppError('TRANSITION_NOT_ALLOWED', { action: def.name, state: stateName, reason: `只能在“${def.from.map((s) => machine.states[s].name).join('/')}”状态下进行` });
  }
  if (!def.policy(user, item)) throw new AppError('FORBIDDEN');
  const parsed = def.input.safeParse(opts.input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('VALIDATION_FAILED', { detail: `${field}：${issue?.message ?? ''}` }, { field });
  }
  const reason = def.guard?.(item, parsed.data, now) ?? null;
  if (reason !== null) throw new AppError('TRANSITION_NOT_ALLOWED', { action: def.name, state: stateName, reason });
  const to = typeof def.to === 'function' ? def.to(parsed.data, item) : def.to;
  return { action: code, def, input: parsed.data, to };
}
