import fs from 'node:fs';
import path from 'node:path';
import { openForCli } from './open.ts';
import { UsageError } from './cli-args.ts';
import { verifyAuditChain, type VerifyResult } from '../core/audit/audit-chain.ts';
import { auditKeysOf } from '../core/audit/audit-key.ts';
import { checkpointFileName, parseCheckpointFile, takeCheckpoint, type Checkpoint } from '../core/audit/checkpoint.ts';
import { AppError } from '../core/errors.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { MODULES } from '../modules/registry.ts';
import { actionName } from '../modules/platform/audit/action-labels.ts';

const USAGE = [
  '用法：anwen audit verify [--checkpoint 检查点文件]…   校验审计链是否完整、未被篡改或删除；',
  '                                                  给出检查点时，链还须经过检查点记录的链头',
  '      anwen audit checkpoint [--out 文件]            校验后导出当前链头的签名检查点（请保存在服务器之外）',
].join('\n');

/** `--checkpoint` (repeatable) and `--out`; anything else is a usage error. */
function parse(args: string[]): { checkpoints: string[]; out?: string } {
  const checkpoints: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    if (name !== '--checkpoint' && name !== '--out') throw new UsageError(`未知参数：${args[i]}`);
    const value = inline ?? args[++i];
    if (!value || value.startsWith('--')) throw new UsageError(`选项 ${name} 缺少取值`);
    if (name === '--out') out = value;
    else checkpoints.push(value);
  }
  return { checkpoints, out };
}

function report(result: Extract<VerifyResult, { ok: false }>): void {
  console.error(`审计链已被破坏：${result.reason}`);
  console.error(`（前 ${result.count} 条事件完好；首个问题在第 ${result.brokenSeq} 号）`);
}

/**
 * `anwen audit verify`: walks the keyed hash chain; exit 0 when intact, 1 naming the first broken event by number
 * and action. `anwen audit checkpoint`: verifies, then writes a signed checkpoint of the head for the administrator
 * to keep elsewhere; `verify --checkpoint` later proves the chain still passes through it (no tail deleted).
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let options: ReturnType<typeof parse>;
  try {
    if (sub !== 'verify' && sub !== 'checkpoint') throw new UsageError('');
    options = parse(rest);
    if (sub === 'verify' && options.out) throw new UsageError('verify 没有 --out 选项');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    return 2;
  }
  const { database } = await openForCli();
  try {
    const keys = auditKeysOf(database.db);
    const checkpoints: Checkpoint[] = options.checkpoints.map((file) => {
      if (!fs.existsSync(file)) throw new AppError('AUDIT_CHECKPOINT_INVALID', { detail: `找不到文件 ${file}` });
      try {
        return parseCheckpointFile(keys, fs.readFileSync(file, 'utf8'));
      } catch (error) {
        if (error instanceof AppError) throw new AppError('AUDIT_CHECKPOINT_INVALID', { detail: `${file}：${String(error.params.detail)}` });
        throw error;
      }
    });
    const catalog = createCatalog(MODULES);
    const name = (action: string) => actionName(catalog, action);
    if (sub === 'verify') {
      const result = await verifyAuditChain(database.db, { checkpoints, actionName: name });
      if (!result.ok) {
        report(result);
        return 1;
      }
      const through = checkpoints.length ? `，经过 ${checkpoints.length} 个检查点（${checkpoints.map((c) => `第 ${c.seq} 号`).join('、')}）` : '';
      console.log(`审计链完整：${result.count} 条事件${through}`);
      return 0;
    }
    const taken = await takeCheckpoint(database.db, { now: new Date(), actionName: name, checkpoints });
    if (!taken.ok) {
      report(taken.result);
      console.error('审计链不完整，未导出检查点。');
      return 1;
    }
    const file = path.resolve(options.out ?? checkpointFileName(taken.checkpoint));
    try {
      fs.writeFileSync(file, `${JSON.stringify(taken.checkpoint, null, 2)}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      console.error(`文件已存在，未覆盖：${file}`);
      return 1;
    }
    console.log(`已导出审计检查点：${file}`);
    console.log(
      `  链头第 ${taken.checkpoint.seq} 号，${taken.checkpoint.at}；请保存在服务器之外，日后用 anwen audit verify --checkpoint ${path.basename(file)} 核对`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
