import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { intakeBody } from '../intake-schema.ts';
import { loadOnlineIntakeOwner, type createOnlineRegistration } from '../register-online.ts';
import { Open311Error } from './open311-error.ts';
import type { PartnerApp } from './api-keys.ts';
import type { Open311RequestInput } from './request-input.ts';
import type { PublicCategory } from './services.ts';

export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

/** The place of the matter: a valid `attribute[place_unit_id]` inside the county, else the county itself (no geocoding). */
async function placeUnitFor(db: Kysely<DB>, requested: string | undefined): Promise<number> {
  const owner = await loadOnlineIntakeOwner(db);
  const rootId = Number(owner.unitPath.split('/').filter(Boolean)[0]);
  if (requested && /^\d{1,15}$/.test(requested)) {
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('id', '=', Number(requested))
      .where('disabled', '=', false)
      .where('path', 'like', `/${rootId}/%`)
      .executeTakeFirst();
    if (unit) return Number(unit.id);
  }
  return rootId;
}

/**
 * POST requests: a partner app's report becomes a petition of channel 'online' through the same online
 * registration as the portal (checks, number, clocks, audit), with the app's Idempotency-Key. What only
 * Open311 carries (location as sent, media URL) is kept beside it, which also marks the case as created
 * through Open311 so its description may be shown to Open311 readers.
 */
export async function createOpen311Request(opts: {
  db: Kysely<DB>;
  register: ReturnType<typeof createOnlineRegistration>;
  partner: PartnerApp;
  category: PublicCategory;
  input: Open311RequestInput;
  idempotencyKey: string | null;
  ip: string;
  now: Date;
}): Promise<CreatedRequest> {
  const { db, partner, category, input, now } = opts;
  const matterType = input.attributes.matter_type ?? 'suggestion';
  if (matterType !== 'suggestion' && matterType !== 'accusation' && matterType !== 'appeal')
    throw new Open311Error(400, 'attribute[matter_type] 应为 suggestion（建议意见）、accusation（检举控告）或 appeal（申诉求决）');
  // Chinese order: family name first
  const name = `${input.last_name ?? ''}${input.first_name ?? ''}`.trim();
  if (!name && matterType === 'appeal') throw new Open311Error(400, '申诉求决类信访须实名：请填写 first_name / last_name');
  const placeUnitId = await placeUnitFor(db, input.attributes.place_unit_id);
  const body = intakeBody.parse({
    channel: 'online',
    anonymous: !name,
    petitioners: name ? [{ name, ...(input.phone ? { phone: input.phone } : {}) }] : [],
    matterType,
    categoryId: category.id,
    placeUnitId,
    title: `${category.name}：${input.description.slice(0, 30)}`,
    content: input.description,
  });
  const actor: Actor = { userId: null, name: `Open311：${partner.appName}`, unitId: null, ip: opts.ip };
  // the api key is not part of the request: a rotated key retrying the same report is still the same report
  const { api_key: _key, ...request } = input;
  const result = await opts.register({
    body,
    actor,
    now,
    idempotency: opts.idempotencyKey ? { scope: `open311:${partner.id}`, key: opts.idempotencyKey, request } : null,
  });

  const publicId = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('open311_requests')
      .values({
        work_item_id: result.id,
        api_key_id: partner.id,
        address_string: input.address_string ?? null,
        address_id: input.address_id ?? null,
        lat: input.lat ?? null,
        long: input.long ?? null,
        media_url: input.media_url ?? null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('work_item_id').doNothing())
      .returning('work_item_id')
      .executeTakeFirst();
    if (inserted)
      await appendAudit(trx, actor, {
        action: 'open311.request.create',
        entityType: 'petition',
        entityId: result.id,
        after: {
          caseNo: result.caseNo,
          apiKeyId: partner.id,
          serviceCode: String(category.id),
          hasLocation: input.lat !== undefined,
          hasAddress: Boolean(input.address_string || input.address_id),
          hasMedia: Boolean(input.media_url),
        },
      });
    const petition = await trx.selectFrom('petitions').select('public_id').where('id', '=', result.id).executeTakeFirstOrThrow();
    return petition.public_id;
  });

  return {
    service_request_id: publicId,
    // the query code is the citizen's only key to follow the case on the portal: shown here once, to pass on
    service_notice: `已登记为网上信访件，编号 ${result.caseNo}，查询码 ${result.queryCode}。请转告反映人妥善保存，凭编号和查询码可在网上信访查询办理进度。`,
    account_id: input.account_id ?? null,
  };
}
