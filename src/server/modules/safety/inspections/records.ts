import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { addDaysIso, shanghaiDate } from '../../../core/clock/clock.ts';
import { loadBackdateWindow } from '../../../kernel/actions/index.ts';
import { isCalendarDate, isoDateTime, safeString, text } from '../../../core/http/input.ts';
import { sniffAllowedType, storeAttachment } from '../../../core/files/attachment-store.ts';
import { formatDocNumber } from '../../../core/documents/index.ts';
import { nextSequence } from '../../../kernel/numbering/index.ts';
import { createHazard } from '../hazards/create-hazard.ts';
import { targetVisibleSql } from './plans.ts';
import { checklistVersion } from './field.ts';

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
/** base64 of a file (a photo compressed on the phone, a signature PNG from the canvas); a data: URL prefix is allowed */
const base64File = z
  .string()
  .max(4_000_000, '文件过大（不超过约 3 MB）')
  .regex(/^(data:image\/(png|jpeg);base64,)?[A-Za-z0-9+/=\s]+$/, '应为 base64 编码的图片');

export const idempotencyKey = safeString().min(8).max(100);

/** One inspection record as the phone sends it (and resends, unchanged, after reconnecting). */
export const recordInput = z.object({
  checklistId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('检查表'),
  checklistVersion: safeString().min(1).max(64).optional().describe('手机下载检查表时的版本（检查表此后修改过则不予保存）'),
  inspectedAt: isoDateTime.describe('检查时间'),
  latitude: z.number().min(-90).max(90).optional().describe('纬度'),
  longitude: z.number().min(-180).max(180).optional().describe('经度'),
  remarks: text(2000, { min: 0 }).optional().describe('检查情况说明'),
  partyName: text(30, { min: 0 }).optional().describe('被检查单位签字人'),
  partyRefusedReason: text(200, { min: 0 }).optional().describe('被检查单位拒绝签字的情况'),
  backdateReason: text(200, { min: 0 }).optional().describe('补录说明（检查日期早于补录期限时必填）'),
  results: z
    .array(
      z.object({
        itemId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        outcome: z.enum(['pass', 'fail', 'na']).describe('检查结果'),
        finding: text(2000, { min: 0 }).optional().describe('发现的问题'),
        category: text(40, { min: 0 }).optional().describe('隐患类别'),
        grade: z.enum(['general', 'major']).optional().describe('隐患级别'),
        location: text(200, { min: 0 }).optional().describe('隐患部位'),
        dueOn: day.optional().describe('整改期限'),
      }),
    )
    .min(1)
    .max(200)
    .describe('检查项目'),
  photos: z.array(base64File).max(9).default([]).describe('现场照片'),
  inspectorSignature: base64File.describe('检查人员签名'),
  partySignature: base64File.optional().describe('被检查单位签名'),
});
export type RecordInput = z.output<typeof recordInput>;

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
/** The hash a resend is compared by: the target and the body, keys in a fixed order. */
export const bodyHash = (targetId: number, body: RecordInput) =>
  createHash('sha256')
    .update(JSON.stringify(canonical({ targetId, body })))
    .digest('hex');

export interface SubmitResult {
  id: number;
  recordNo: string;
  orderNo: string | null;
  hazardIds: number[];
  /** true when this was a resend of a record already saved (same key, same content): nothing new was written */
  replayed: boolean;
}

async function existingByKey(db: Kysely<DB>, key: string, hash: string, user: SessionUser): Promise<SubmitResult | null> {
  const row = await db
    .selectFrom('safety_inspection_records')
    .select(['id', 'record_no', 'order_no', 'body_hash', 'inspector_id'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.body_hash !== hash || Number(row.inspector_id) !== user.id) throw new AppError('SAFETY_INSPECTION_KEY_CONFLICT');
  const hazards = await db.selectFrom('hazards').select('id').where('inspection_record_id', '=', row.id).orderBy('id').execute();
  return { id: Number(row.id), recordNo: row.record_no, orderNo: row.order_no, hazardIds: hazards.map((h) => Number(h.id)), replayed: true };
}

type StoredFile = { kind: 'photo' | 'inspector_signature' | 'party_signature'; sha256: string; size: number; mime: string; name: string };
/** A claimed `uploads` row for a stored file: what backups copy and what keeps clean-up from deleting the file. */
async function claimedUpload(trx: Transaction<DB>, f: StoredFile, now: Date): Promise<number> {
  const row = await trx
    .insertInto('uploads')
    .values({
      token_hash: createHash('sha256').update(randomBytes(24)).digest('hex'),
      sha256: f.sha256,
      size: f.size,
      type: f.mime,
      name: f.name,
      uploaded_at: now,
      expires_at: now,
      claimed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function decode(b64: string): Buffer {
  return Buffer.from(b64.replace(/^data:image\/(png|jpeg);base64,/, '').replace(/\s/g, ''), 'base64');
}

/**
 * Saves one target's inspection record exactly once per Idempotency-Key: a resend of the same content answers
 * with the record already saved, the same key with other content is refused (409) and nothing changes. The record,
 * its photos and signatures (content-addressed attachments), the hazards its failed items reveal (through the
 * hazard module's own createHazard, carrying the item's 判定依据 and this record as their source), the
 * 检查记录 number and — when something failed — the 责令限期整改指令书 number, and the target's result are one
 * transaction with its audit event. Only an inspector of the target records it (谁检查谁签字).
 */
export async function submitRecord(
  db: Kysely<DB>,
  opts: { targetId: number; key: string; input: RecordInput; user: SessionUser; actor: Actor; now: Date; dataDir: string },
): Promise<SubmitResult> {
  const { input, user } = opts;
  const hash = bodyHash(opts.targetId, input);
  const again = await existingByKey(db, opts.key, hash, user);
  if (again) return again;

  const target = await db
    .selectFrom('safety_inspection_targets as t')
    .innerJoin('safety_inspection_plans as p', 'p.id', 't.plan_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .leftJoin('safety_inspection_records as r', 'r.target_id', 't.id')
    .leftJoin('users as ru', 'ru.id', 'r.inspector_id')
    .select(['t.id', 't.enterprise_id', 't.inspector_ids', 'p.checklist_id', 'p.unit_id', 'p.period_from', 'r.record_no', 'ru.display_name as recorded_by'])
    .where('t.id', '=', opts.targetId)
    .where(targetVisibleSql(user))
    .executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND');
  if (!target.inspector_ids.map(Number).includes(user.id)) throw new AppError('SAFETY_INSPECTION_NOT_INSPECTOR');
  if (target.record_no) throw new AppError('SAFETY_INSPECTION_RECORDED', { recordNo: target.record_no, inspector: target.recorded_by ?? '' });

  const bad = (detail: string, field: string): never => {
    throw new AppError('SAFETY_INSPECTION_INVALID', { detail }, { field });
  };
  const inspectedAt = new Date(input.inspectedAt);
  if (inspectedAt.getTime() > opts.now.getTime() + 5 * 60_000) bad('检查时间不能晚于现在', 'inspectedAt');
  const inspectedOn = shanghaiDate(inspectedAt);
  if (inspectedOn < target.period_from) bad('检查时间早于检查计划的开始日期', 'inspectedAt');
  // 补录 of a paper record: the inspection date is the business date; older than the window it needs a stated reason
  const windowDays = await loadBackdateWindow(db);
  const backdateReason = input.backdateReason?.trim() || undefined;
  if (inspectedOn < addDaysIso(shanghaiDate(opts.now), -windowDays) && !backdateReason)
    bad(`检查日期在 ${windowDays} 日以前，补录须说明理由`, 'backdateReason');
  if (!input.partySignature && !input.partyRefusedReason) bad('请由被检查单位签名；拒绝签字的，请写明情况', 'partySignature');
  const checklistId = input.checklistId ?? (target.checklist_id === null ? null : Number(target.checklist_id));
  if (checklistId === null) bad('请选择检查表', 'checklistId');
  const items = await db
    .selectFrom('safety_checklist_items')
    .select(['id', 'content', 'basis', 'basis_verified'])
    .where('checklist_id', '=', checklistId!)
    .where('disabled', '=', false)
    .orderBy('sort')
    .execute();
  // the phone filled the checklist it downloaded: if the 安委办 changed it since, the answers may not fit any more
  if (input.checklistVersion && input.checklistVersion !== checklistVersion(items.map((i) => ({ ...i, id: Number(i.id) }))))
    throw new AppError('SAFETY_INSPECTION_CHECKLIST_CHANGED');
  const byId = new Map(items.map((i) => [Number(i.id), i]));
  const answered = new Set<number>();
  input.results.forEach((r, i) => {
    if (!byId.has(r.itemId)) bad(`第 ${i + 1} 项不属于所选检查表`, `results.${i}.itemId`);
    if (answered.has(r.itemId)) bad(`第 ${i + 1} 项重复`, `results.${i}.itemId`);
    answered.add(r.itemId);
    if (r.outcome === 'fail') {
      if (!r.finding?.trim()) bad(`第 ${i + 1} 项不合格：请写明发现的问题`, `results.${i}.finding`);
      if (!r.category?.trim()) bad(`第 ${i + 1} 项不合格：请选择隐患类别`, `results.${i}.category`);
      if (!r.dueOn) bad(`第 ${i + 1} 项不合格：请确定整改期限`, `results.${i}.dueOn`);
      if (r.dueOn! < inspectedOn) bad(`第 ${i + 1} 项：整改期限不能早于检查日期`, `results.${i}.dueOn`);
    }
  });
  const missing = items.filter((i) => !answered.has(Number(i.id)));
  if (missing.length) bad(`还有 ${missing.length} 个检查项目未填写结果（如“${missing[0]!.content}”）`, 'results');

  // files first (content-addressed: a resend stores nothing twice); their rows are written with the record
  const files: StoredFile[] = [];
  const put = async (kind: StoredFile['kind'], b64: string, field: string, pngOnly: boolean, name: string) => {
    const bytes = decode(b64);
    if (!bytes.length) bad('图片内容为空', field);
    const { type } = await sniffAllowedType(bytes);
    if (!type || type === 'application/pdf' || (pngOnly && type !== 'image/png')) bad(pngOnly ? '签名应为 PNG 图片' : '照片应为 JPEG 或 PNG 图片', field);
    const stored = await storeAttachment(opts.dataDir, bytes);
    files.push({ kind, sha256: stored.sha256, size: stored.size, mime: type!, name: `${name}.${type === 'image/png' ? 'png' : 'jpg'}` });
  };
  for (const [i, p] of input.photos.entries()) await put('photo', p, `photos.${i}`, false, `现场照片${i + 1}`);
  await put('inspector_signature', input.inspectorSignature, 'inspectorSignature', true, '检查人员签名');
  if (input.partySignature) await put('party_signature', input.partySignature, 'partySignature', true, '被检查单位签名');

  const failed = input.results.filter((r) => r.outcome === 'fail');
  try {
    return await db.transaction().execute(async (trx) => {
      await trx.selectFrom('safety_inspection_targets').select('id').where('id', '=', opts.targetId).forUpdate().executeTakeFirstOrThrow();
      const done = await trx
        .selectFrom('safety_inspection_records as r')
        .innerJoin('users as ru', 'ru.id', 'r.inspector_id')
        .select(['r.record_no', 'ru.display_name'])
        .where('r.target_id', '=', opts.targetId)
        .executeTakeFirst();
      if (done) throw new AppError('SAFETY_INSPECTION_RECORDED', { recordNo: done.record_no, inspector: done.display_name });
      const issuer = await trx
        .selectFrom('units as u')
        .leftJoin('document_issuers as d', 'd.unit_id', 'u.id')
        .select(['u.name', 'd.prefix'])
        .where('u.id', '=', target.unit_id)
        .executeTakeFirstOrThrow();
      if (!issuer.prefix) throw new AppError('DOCUMENT_ISSUER_NOT_SET', { unit: issuer.name });
      const year = Number(inspectedOn.slice(0, 4));
      const recordNo = formatDocNumber(`${issuer.prefix}安检记`, year, await nextSequence(trx, `safety.inspection.${target.unit_id}`, year));
      const orderNo = failed.length ? formatDocNumber(`${issuer.prefix}安责改`, year, await nextSequence(trx, `safety.order.${target.unit_id}`, year)) : null;
      const record = await trx
        .insertInto('safety_inspection_records')
        .values({
          target_id: opts.targetId,
          record_no: recordNo,
          order_no: orderNo,
          idempotency_key: opts.key,
          body_hash: hash,
          inspector_id: user.id,
          inspected_at: inspectedAt,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          remarks: input.remarks || null,
          results: JSON.stringify(input.results.map((r) => ({ ...r, content: byId.get(r.itemId)!.content, basis: byId.get(r.itemId)!.basis }))),
          party_name: input.partyName || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const recordId = Number(record.id);
      for (const f of files)
        await trx
          .insertInto('safety_inspection_files')
          .values({ record_id: recordId, kind: f.kind, upload_id: await claimedUpload(trx, f, opts.now), sha256: f.sha256, size: f.size, mime: f.mime })
          .execute();
      const hazardIds: number[] = [];
      for (const r of failed) {
        const item = byId.get(r.itemId)!;
        const h = await createHazard(trx, {
          input: {
            enterpriseId: Number(target.enterprise_id),
            source: 'inspection',
            category: r.category!,
            grade: r.grade ?? 'general',
            description: r.finding!,
            checklistItem: item.content,
            location: r.location,
            foundOn: inspectedOn,
            backdateReason,
            basis: item.basis_verified ? item.basis : `${item.basis}（待核实）`,
            dueOn: r.dueOn!,
            orderNo: orderNo!,
          },
          user,
          actor: opts.actor,
          now: opts.now,
          inspectionRecordId: recordId,
        });
        hazardIds.push(h.id);
        // the scene's photos become the hazard's own attachments (整改前照片), read through the hazard's visibility
        for (const f of files.filter((x) => x.kind === 'photo'))
          await trx
            .insertInto('item_attachments')
            .values({ work_item_id: h.id, upload_id: await claimedUpload(trx, f, opts.now), created_at: opts.now, label: '检查发现' })
            .execute();
      }
      await trx
        .updateTable('safety_inspection_targets')
        .set({ inspected_at: inspectedAt, result: failed.length ? 'hazards' : 'pass' })
        .where('id', '=', opts.targetId)
        .execute();
      await appendAudit(trx, opts.actor, {
        action: 'hazard.inspection.record',
        entityType: 'safety_inspection_record',
        entityId: recordId,
        after: { targetId: opts.targetId, recordNo, orderNo, items: input.results.length, failed: failed.length, hazards: hazardIds, occurredOn: inspectedOn },
        reason: backdateReason ? `补录：${backdateReason}` : undefined,
      });
      return { id: recordId, recordNo, orderNo, hazardIds, replayed: false };
    });
  } catch (err) {
    // two resends raced: the loser finds the winner's record under the same key
    if ((err as { code?: string }).code === '23505') {
      const winner = await existingByKey(db, opts.key, hash, user);
      if (winner) return winner;
    }
    throw err;
  }
}
