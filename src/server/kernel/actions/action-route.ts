import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { id } from '../../core/http/input.ts';
import type { MachineItem } from '../machine/index.ts';
import { asStaff, type ActingParty } from './acting-party.ts';
import { runAction, type ModuleActions } from './run-action.ts';

/** The Fastify instance with zod schemas, as the app builds it (the kernel does not import app.ts). */
type ZodApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** What a module's step after the transition sees (same transaction as the runner). */
export interface ActionRouteStep {
  trx: Transaction<DB>;
  id: number;
  action: string;
  input: Record<string, unknown>;
  user: SessionUser;
  party: ActingParty;
  actor: Actor;
  now: Date;
  /** the business date the runner recorded the event on */
  on: string;
}

/**
 * THE route for a module's actions: `POST <base>/:id/actions/:action` → the one runner (kernel/actions/run-action.ts)
 * in one transaction → `{ state, stateName }`. Every module registers it here so the body parsing, the refusal of a
 * malformed action code, the acting party and the answer are the same everywhere.
 */
export function registerActionRoute<S extends string, Ctx extends MachineItem<S>, Row, Extra extends z.ZodRawShape = Record<never, never>>(
  app: ZodApp,
  opts: {
    /** e.g. '/risk/assessments' (the route is `${base}/:id/actions/:action`) */
    base: string;
    tags: string[];
    /** the zh-CN summary naming the module's actions */
    summary: string;
    actions: ModuleActions<S, Ctx, Row>;
    db: Kysely<DB>;
    clock: Clock;
    keys?: PersonalDataKeys;
    /** who acts (default: the signed-in user as staff) */
    partyOf?: (user: SessionUser) => ActingParty;
    /** checks before the runner, in its transaction (e.g. a refusal said in the module's own words) */
    before?: (trx: Transaction<DB>, step: { id: number; action: string; user: SessionUser; party: ActingParty }) => Promise<void>;
    /** fields the answer adds to state/stateName (optional ones), filled by `after` */
    extraResponse?: Extra;
    /** what follows the transition in the same transaction (e.g. the escalation it creates); its fields join the answer */
    after?: (step: ActionRouteStep) => Promise<Partial<z.infer<z.ZodObject<Extra>>>>;
  },
): void {
  // widened: the answer's extra fields are the module's (typed by `after`), the schema documents and serialises them
  const response: z.ZodObject<z.ZodRawShape> = z.object({ state: z.string(), stateName: z.string(), ...opts.extraResponse });
  app.post(
    `${opts.base}/:id/actions/:action`,
    {
      schema: {
        tags: opts.tags,
        summary: opts.summary,
        params: z.object({ id, action: z.string().regex(/^[a-zA-Z]{1,40}$/, '办理操作代码不正确') }),
        body: z.record(z.string(), z.unknown()).optional(),
        response: { 200: response },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const party = (opts.partyOf ?? asStaff)(user);
      const now = opts.clock.now();
      const actor = actorOf(user, request.ip);
      const { id: itemId, action } = request.params;
      const input = request.body ?? {};
      const { to, extra } = await opts.db.transaction().execute(async (trx) => {
        if (opts.before) await opts.before(trx, { id: itemId, action, user, party });
        const result = await runAction(trx, opts.actions, { id: itemId, action, input, party, actor, now, keys: opts.keys });
        const extra = opts.after ? await opts.after({ trx, id: itemId, action, input, user, party, actor, now, on: result.on }) : {};
        return { to: result.to, extra };
      });
      return { state: to, stateName: opts.actions.machine.states[to].name, ...extra };
    },
  );
}
