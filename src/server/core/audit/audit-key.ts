import { hkdfSync, randomBytes } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Kysely } from 'kysely';
import { keyIdOf, loadMasterSecret } from '../personal-data/keys.ts';

/**
 * The keys of the audit chain, held outside the database. Derived with HKDF from the installation's
 * master secret (ANWEN_SECRET_KEY or `<data dir>/secret.key`, the same secret the personal-data keys
 * come from), each under its own label, so neither key can be computed from the other or from the
 * personal-data keys. Someone with the database alone can therefore neither re-hash edited events nor
 * sign a checkpoint. Changing the master secret makes every keyed event fail verification: keep the
 * secret with the backups (apart from them), as for personal data.
 */
export interface AuditKeys {
  /** the master secret's public id (written into checkpoints: a wrong key is told apart from tampering) */
  keyId: string;
  /** HMAC-SHA256 key of the chain's events */
  chain: Buffer;
  /** HMAC-SHA256 key of exported head checkpoints */
  checkpoint: Buffer;
}

export function deriveAuditKeys(master: Buffer): AuditKeys {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { keyId: keyIdOf(master), chain: sub('anwen.audit.chain.hmac-sha256'), checkpoint: sub('anwen.audit.checkpoint.hmac-sha256') };
}

/** The installation's audit keys, from the same place as the personal-data key (see loadMasterSecret). */
export function loadAuditKeys(opts: { secret?: string; dataDir: string }): AuditKeys {
  return deriveAuditKeys(loadMasterSecret(opts));
}

let ephemeral: AuditKeys | undefined;

/**
 * One random key per process, for throw-away databases (in-memory tests, benchmarks): every such database
 * the process opens without a key shares it, so a backup taken from one verifies when restored into another.
 * Never for an installation's database — its chain would not verify after a restart: the server and every
 * command open it with `loadAuditKeys` (cli/start.ts, cli/open.ts).
 */
export function ephemeralAuditKeys(): AuditKeys {
  ephemeral ??= { ...deriveAuditKeys(randomBytes(32)), keyId: 'ephemeral' };
  return ephemeral;
}

/**
 * Carries the audit keys on a Kysely instance (a no-op on every query). A transaction inherits its
 * database's plugins, so `appendAudit(trx, …)` finds the key of the database it writes to without every
 * caller passing it — and a database opened with another installation's key writes and checks with that one.
 */
export class AuditKeyPlugin implements KyselyPlugin {
  constructor(readonly keys: AuditKeys) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The audit keys the database (or transaction) was opened with. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely<DB>, Transaction<DB> or a migration's Kysely<unknown>
export function auditKeysOf(db: Kysely<any>): AuditKeys {
  const plugin = db.getExecutor().plugins.find((p): p is AuditKeyPlugin => p instanceof AuditKeyPlugin);
  if (!plugin) throw new Error('审计链密钥未加载：数据库须经 openDatabase 打开（服务器与命令行从 ANWEN_SECRET_KEY 或数据目录的 secret.key 取得密钥）');
  return plugin.keys;
}
