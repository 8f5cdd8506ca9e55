import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * When an audit event is recorded: the wall clock, always — except for the fictional demo county, whose seed writes a
 * past that never happened and records each scripted event at the time of its own day (so its timeline does not read
 * every event as 补录 on the seeding day). The seed carries its time source on a Kysely instance (a no-op on every
 * query, inherited by its transactions, like the audit keys); nothing else uses it.
 */
export class AuditTimePlugin implements KyselyPlugin {
  constructor(readonly now: () => Date) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** `db` recording its audit events at `now()` (the demo seed's scripted instants). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely<DB> or Transaction<DB>
export function withAuditTime<D extends Kysely<any>>(db: D, now: () => Date): D {
  return db.withPlugin(new AuditTimePlugin(now)) as D;
}

/** The instant to record an audit event at on `db`: the seed's scripted time when it set one, else now. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely<DB>, Transaction<DB> or a migration's Kysely<unknown>
export function auditTimeOf(db: Kysely<any>): Date {
  const plugin = db.getExecutor().plugins.find((p): p is AuditTimePlugin => p instanceof AuditTimePlugin);
  return plugin ? plugin.now() : new Date();
}
