import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { allowedActions, assertTransition, defineMachine } from './machine.ts';

type S = 'open' | 'done' | 'rejected';
interface Item {
  state: S;
  ownerId: number;
  dueMs: number;
}
const user = (id: number): SessionUser => ({ id, username: `u${id}`, displayName: 'u', unitId: 1, unitName: 'x', unitPath: '/1/', roles: ['xfj_staff'], mustChangePassword: false });

const m = defineMachine<S, Item, 'finish' | 'decide' | 'note'>({
  states: { open: { name: '办理中' }, done: { name: '已办结' }, rejected: { name: '已驳回' } },
  actions: {
    finish: { name: '办结', from: ['open'], to: 'done', policy: (u, i) => u.id === i.ownerId, guard: (i, _in, now) => (now.getTime() > i.dueMs ? '已超过期限' : null), input: z.object({}) },
    decide: { name: '决定', from: ['open'], to: (input) => ((input as { ok: boolean }).ok ? 'done' : 'rejected'), policy: () => true, input: z.object({ ok: z.boolean() }) },
    note: { name: '记录', from: ['open', 'done'], to: (_i, item) => item.state, policy: () => true, input: z.object({ text: z.string().min(1) }) },
  },
});

const item: Item = { state: 'open', ownerId: 7, dueMs: 1000 };

describe('kernel machine', () => {
  it('lists only actions whose state, policy and guard allow them', () => {
    expect(allowedActions(m, user(7), item, new Date(500)).map((a) => a.code)).toEqual(['finish', 'decide', 'note']);
    expect(allowedActions(m, user(8), item, new Date(500)).map((a) => a.code)).toEqual(['decide', 'note']);
    expect(allowedActions(m, user(7), item, new Date(2000)).map((a) => a.code)).toEqual(['decide', 'note']);
    expect(allowedActions(m, user(7), { ...item, state: 'done' }, new Date(500)).map((a) => a.code)).toEqual(['note']);
    expect(allowedActions(m, user(7), item, new Date(500))[1]?.inputSchema).toMatchObject({ properties: { ok: { type: 'boolean' } } });
  });

  it('computes the target state from the input', () => {
    expect(assertTransition(m, { user: user(1), item, action: 'decide', input: { ok: false }, now: new Date(0) }).to).toBe('rejected');
    expect(assertTransition(m, { user: user(1), item: { ...item, state: 'done' }, action: 'note', input: { text: 'x' }, now: new Date(0) }).to).toBe('done');
  });

  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof AppError ? `${e.status} ${e.code} ${e.message}` : String(e);
    }
    return 'ok';
  };

  it('refuses with 409 naming action and state, 403 for policy alone, 400 for bad input, 404 for unknown', () => {
    expect(code(() => assertTransition(m, { user: user(7), item: { ...item, state: 'done' }, action: 'finish', input: {}, now: new Date(0) }))).toMatch(/^409 TRANSITION_NOT_ALLOWED .*已办结.*办结/);
    expect(code(() => assertTransition(m, { user: user(7), item, action: 'finish', input: {}, now: new Date(5000) }))).toMatch(/^409 .*已超过期限/);
    expect(code(() => assertTransition(m, { user: user(8), item, action: 'finish', input: {}, now: new Date(0) }))).toMatch(/^403 FORBIDDEN/);
    expect(code(() => assertTransition(m, { user: user(8), item, action: 'note', input: { text: '' }, now: new Date(0) }))).toMatch(/^400 VALIDATION_FAILED .*text/);
    expect(code(() => assertTransition(m, { user: user(8), item, action: 'fly', input: {}, now: new Date(0) }))).toMatch(/^404 ACTION_UNKNOWN/);
  });

  it('rejects a definition that names an unknown state', () => {
    expect(() => defineMachine<'a', Item, 'x'>({ states: { a: { name: 'A' } }, actions: { x: { name: 'X', from: ['b' as 'a'], to: 'a', policy: () => true, input: z.object({}) } } })).toThrow(/unknown state/);
  });
});
