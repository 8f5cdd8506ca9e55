import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { auditKeysOf, type AuditKeys } from './audit-key.ts';
import { verifyAuditChain, type VerifyOptions, type VerifyResult } from './audit-chain.ts';
import { canonicalJson } from './canonical-json.ts';

export const CHECKPOINT_FORMAT = 'anwen-audit-checkpoint/1';

/**
 * A signed statement "the audit chain was intact up to event `seq`, whose hash was `hash`, at `at`", for the
 * administrator to keep outside the server (`anwen audit checkpoint`, or 导出检查点 in 审计日志). The signature
 * is an HMAC under the audit checkpoint key (audit-key.ts), so nobody with database access alone can make one.
 * `anwen audit verify --checkpoint <file>` then fails when the chain no longer passes through that head: its tail
 * deleted and the head moved back, or the events before it rewritten — even by someone holding the key, since a
 * rewritten event changes every hash after it.
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  hash: string;
  /** when it was taken (ISO) */
  at: string;
  /** the master secret's public id (a checkpoint from another installation or key is told apart from a forged one) */
  keyId: string;
  signature: string;
}

const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  seq: z.number().int().min(0),
  hash: z.string().min(1).max(200),
  at: z.string().min(1).max(40),
  keyId: z.string().min(1).max(40),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

const signatureOf = (keys: AuditKeys, c: Omit<Checkpoint, 'signature'>) =>
  createHmac('sha256', keys.checkpoint)
    .update(canonicalJson({ format: c.format, seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId }))
    .digest('hex');

export function signCheckpoint(keys: AuditKeys, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const unsigned = { format: CHECKPOINT_FORMAT, seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keys.keyId } as const;
  return { ...unsigned, signature: signatureOf(keys, unsigned) };
}

const invalid = (detail: string) => new AppError('AUDIT_CHECKPOINT_INVALID', { detail });

/** A checkpoint read from a file or a request, its signature checked; AUDIT_CHECKPOINT_INVALID otherwise. */
export function readCheckpoint(keys: AuditKeys, value: unknown): Checkpoint {
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) throw invalid('不是安稳审计检查点（格式不符）');
  const c = parsed.data;
  const label = `第 ${c.seq} 号（${c.at}）的检查点`;
  if (c.keyId !== keys.keyId) {
    throw invalid(`${label}由另一把密钥签署（密钥编号 ${c.keyId}，本系统为 ${keys.keyId}）：请确认 ANWEN_SECRET_KEY 或 secret.key 与导出时相同`);
  }
  const expected = Buffer.from(signatureOf(keys, c), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(c.signature, 'hex'))) throw invalid(`${label}签名不符：文件被改动过`);
  return c;
}

/** Parses a checkpoint file's text (JSON) and checks its signature. */
export function parseCheckpointFile(keys: AuditKeys, text: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('文件不是 JSON');
  }
  return readCheckpoint(keys, value);
}

/**
 * Verifies the chain (against the earlier checkpoints given), then signs the head it verified: a checkpoint only
 * ever vouches for a chain that was intact when it was taken. Read-only: taking one writes no audit event.
 */
export async function takeCheckpoint(
  db: Kysely<DB>,
  opts: { now: Date } & Pick<VerifyOptions, 'actionName' | 'checkpoints'>,
): Promise<{ ok: true; checkpoint: Checkpoint } | { ok: false; result: Extract<VerifyResult, { ok: false }> }> {
  const result = await verifyAuditChain(db, { actionName: opts.actionName, checkpoints: opts.checkpoints });
  if (!result.ok) return { ok: false, result };
  return { ok: true, checkpoint: signCheckpoint(auditKeysOf(db), { seq: result.count, hash: result.lastHash }, opts.now) };
}

/** The file name a checkpoint is saved under: anwen-audit-checkpoint-<seq>-<UTC yyyymmddThhmmss>.json */
export const checkpointFileName = (c: Checkpoint): string => `anwen-audit-checkpoint-${c.seq}-${c.at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`;
