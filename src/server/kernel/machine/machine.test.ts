import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { allowedActions, assertTransition, defineMachine } from './machine.ts';
import { asStaff, type ActingParty } from '../actions/index.ts';

type S = 'open' | 'done' | 'rejected';
interface Item {
  id: number;
  state: S;
  ownerId: number;
  due: string;
}
const user = (id: number): ActingParty => asStaff(staff(id));
const staff = (id: number): SessionUser => ({
  id,
  username: `u${id}`,
  displayName: 'u',
  unitId: 1,
  unitName: 'x',
  unitPath: '/1/',
  roles: ['xfj_staff'],
  mustChangePassword: false,
});

const m = defineMachine<S, Item, 'finish' | 'decide' | 'note'>({
  states: { open: { name: '办理中' }, done: { name: '已办结' }, rejected: { name: '已驳回' } },
  actions: {
    finish: {
      name: '办结',
      from: ['open'],
      to: 'done',
      policy: (p, i) => p.kind === 'staff' && p.user.id === i.ownerId,
      guard: (i, _in, on) => (on > i.due ? '已超过期限' : null),
      input: z.object({}),
    },
    decide: {
      name: '决定',
      from: ['open'],
      to: (input) => ((input as { ok: boolean }).ok ? 'done' : 'rejected'),
      policy: () => true,
      input: z.object({ ok: z.boolean() }),
    },
    note: { name: '记录', from: ['open', 'done'], to: (_i, item) => item.state, policy: () => true, input: z.object({ text: z.string().min(1) }) },
  },
});

const item: Item = { id: 1, state: 'open', ownerId: 7, due: '2026-10-10' };
const BEFORE = { today: '2026-10-01' };
const AFTER = { today: '2026-10-20' };
const at = (today: string) => ({ today, lastEventOn: null, windowDays: 30 });

describe('kernel machine', () => {
  it('lists only actions whose state, policy and guard allow them', () => {
    expect(allowedActions(m, user(7), item, BEFORE).map((a) => a.code)).toEqual(['finish', 'decide', 'note']);
    expect(allowedActions(m, user(8), item, BEFORE).map((a) => a.code)).toEqual(['decide', 'note']);
    expect(allowedActions(m, user(7), item, AFTER).map((a) => a.code)).toEqual(['decide', 'note']);
    expect(allowedActions(m, user(7), { ...item, state: 'done' }, BEFORE).map((a) => a.code)).toEqual(['note']);
    expect(allowedActions(m, user(7), item, BEFORE)[1]?.inputSchema).toMatchObject({ properties: { ok: { type: 'boolean' } } });
  });

  it('computes the target state from the input', () => {
    expect(assertTransition(m, { party: user(1), item, action: 'decide', input: { ok: false }, ...at('2026-10-01') }).to).toBe('rejected');
    expect(assertTransition(m, { party: user(1), item: { ...item, state: 'done' }, action: 'note', input: { text: 'x' }, ...at('2026-10-01') }).to).toBe(
      'done',
    );
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
    expect(code(() => assertTransition(m, { party: user(7), item: { ...item, state: 'done' }, action: 'finish', input: {}, ...at('2026-10-01') }))).toMatch(
      /^409 TRANSITION_NOT_ALLOWED .*已办结.*办结/,
    );
    expect(code(() => assertTransition(m, { party: user(7), item, action: 'finish', input: {}, ...at('2026-10-20') }))).toMatch(/^409 .*已超过期限/);
    expect(code(() => assertTransition(m, { party: user(8), item, action: 'finish', input: {}, ...at('2026-10-01') }))).toMatch(/^403 FORBIDDEN/);
    expect(code(() => assertTransition(m, { party: user(8), item, action: 'note', input: { text: '' }, ...at('2026-10-01') }))).toMatch(
      /^400 VALIDATION_FAILED .*内容/,
    );
    expect(code(() => assertTransition(m, { party: user(8), item, action: 'fly', input: {}, ...at('2026-10-01') }))).toMatch(/^404 ACTION_UNKNOWN/);
  });

  it('judges the guard on the business date: an event that happened in time may be recorded later', () => {
    // recorded on the 20th, after the due date (10th): offered when the item's last event (5th) leaves room
    expect(allowedActions(m, user(7), item, { today: '2026-10-20', earliest: '2026-10-05' }).map((a) => a.code)).toContain('finish');
    const t = assertTransition(m, {
      party: user(7),
      item,
      action: 'finish',
      input: { occurredOn: '2026-10-09' },
      today: '2026-10-20',
      lastEventOn: '2026-10-05',
      windowDays: 30,
    });
    expect(t.on).toBe('2026-10-09');
    expect(
      code(() =>
        assertTransition(m, {
          party: user(7),
          item,
          action: 'finish',
          input: { occurredOn: '2026-10-11' },
          today: '2026-10-20',
          lastEventOn: null,
          windowDays: 30,
        }),
      ),
    ).toMatch(/^409 .*已超过期限/);
  });

  it('gives every action its business date: not in the future, not before the last event, far back only with a reason', () => {
    const run = (input: object, o: { lastEventOn?: string | null; windowDays?: number } = {}) =>
      code(() =>
        assertTransition(m, {
          party: user(1),
          item,
          action: 'note',
          input: { text: 'x', ...input },
          today: '2026-10-20',
          lastEventOn: o.lastEventOn ?? null,
          windowDays: o.windowDays ?? 30,
        }),
      );
    expect(run({})).toBe('ok');
    expect(run({ occurredOn: '2026-10-21' })).toMatch(/^400 VALIDATION_FAILED .*发生日期.*不能晚于今天/);
    expect(run({ occurredOn: '2026-02-30' })).toMatch(/^400 .*不是有效日期/);
    expect(run({ occurredOn: '2026-10-01' }, { lastEventOn: '2026-10-02' })).toMatch(/^400 .*不能早于.*2026-10-02/);
    expect(run({ occurredOn: '2026-09-10' }, { windowDays: 30 })).toMatch(/^400 .*补录说明.*须说明理由/);
    expect(run({ occurredOn: '2026-09-10', backdateReason: '信件周五收到，周一录入' }, { windowDays: 30 })).toBe('ok');
    expect(allowedActions(m, user(1), item, BEFORE).find((a) => a.code === 'note')?.inputSchema).toMatchObject({
      properties: { occurredOn: { type: 'string' }, backdateReason: { type: 'string' } },
    });
  });

  it('asks the same policy of every kind of acting party', () => {
    const citizen: ActingParty = { kind: 'citizen', itemIds: [1] };
    expect(allowedActions(m, citizen, item, BEFORE).map((a) => a.code)).toEqual(['decide', 'note']);
    expect(code(() => assertTransition(m, { party: citizen, item, action: 'finish', input: {}, ...at('2026-10-01') }))).toMatch(/^403 FORBIDDEN/);
  });

  it('rejects a definition that names an unknown state', () => {
    expect(() =>
      defineMachine<'a', Item, 'x'>({
        states: { a: { name: 'A' } },
        actions: { x: { name: 'X', from: ['b' as 'a'], to: 'a', policy: () => true, input: z.object({}) } },
      }),
    ).toThrow(/unknown state/);
  });
});
