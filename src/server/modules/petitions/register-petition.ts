import type { Kysely } from 'kysely';
import { loadCollectiveThreshold } from './intake-settings.ts';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { blindIndex, encryptValue, maskIdNumber, maskName, maskPhone, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import { startDeadline } from '../../kernel/deadlines/index.ts';
import { allocateCaseNo, newQueryCode } from '../../kernel/numbering/index.ts';
import { deriveRepeatFlags, isCollective } from './flags.ts';
import type { IntakeBody } from './intake-schema.ts';
import { canRegister } from './policy.ts';
import { findEarlierOfPeople, toEarlier } from './similar-petitions.ts';

export interface RegisterResult {
  id: number;
  caseNo: string;
  /** shown once: only its hash is stored */
  queryCode: string;
  state: string;
  flags: { collective: boolean; firstTime: boolean; repeat: boolean; repeatOf: number | null; skippedLevel: boolean; lawRelated: boolean; afterTermination: boolean };
}

/** 登记: the work item, the petition with its encrypted petitioners, derived flags, the 15-day routing clock. */
export async function registerPetition(opts: { db: Kysely<DB>; keys: PersonalDataKeys; user: SessionUser; actor: Actor; now: Date; body: IntakeBody }): Promise<RegisterResult> {
  const { db, keys, user, actor, now, body } = opts;
  if (!canRegister(user)) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const units = await trx.selectFrom('units').select(['id', 'path', 'disabled']).where('id', 'in', [body.placeUnitId, ...(body.accusedUnitId ? [body.accusedUnitId] : [])]).execute();
    const unit = (id: number) => units.find((u) => Number(u.id) === id && !u.disabled);
    if (!unit(body.placeUnitId)) throw new AppError('PETITION_UNIT_INVALID', { detail: '问题属地单位不存在' }, { field: 'placeUnitId' });
    if (body.accusedUnitId && !unit(body.accusedUnitId)) throw new AppError('PETITION_UNIT_INVALID', { detail: '被反映单位不存在' }, { field: 'accusedUnitId' });
    const category = await trx.selectFrom('petition_categories').select('id').where('id', '=', body.categoryId).where('disabled', '=', false).executeTakeFirst();
    if (!category) throw new AppError('PETITION_FIELD_INVALID', { detail: 'categoryId：问题类别不存在' }, { field: 'categoryId' });

    const threshold = await loadCollectiveThreshold(trx);
    const petitioners = body.anonymous ? [] : body.petitioners;
    const idBidx = petitioners.filter((p) => p.idNumber).map((p) => blindIndex(keys, 'id_number', p.idNumber!));
    const phoneBidx = petitioners.filter((p) => p.phone).map((p) => blindIndex(keys, 'phone', p.phone!));
    const text = `${body.title} ${body.content}`;
    const earlier = await findEarlierOfPeople(trx, { idBidx, phoneBidx, text });
    const derived = deriveRepeatFlags(earlier.map(toEarlier), body.categoryId);
    const flags = {
      collective: isCollective({ persons: body.visit?.persons ?? 0, petitioners: petitioners.length, threshold }),
      firstTime: derived.firstTime,
      repeat: derived.repeat,
      repeatOf: derived.repeatOf,
      skippedLevel: body.skippedLevel,
      lawRelated: body.lawRelated,
      afterTermination: derived.afterTermination,
    };

    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
    const year = Number(shanghaiDate(now).slice(0, 4));
    const caseNo = await allocateCaseNo(trx, { module: 'petition', year, unitPath: user.unitPath });
    const query = newQueryCode();
    const { id } = await trx
      .insertInto('work_items')
      .values({ module: 'petition', ref_no: caseNo, title: body.title, state: 'registered', owner_unit_id: user.unitId, owner_unit_path: user.unitPath })
      .returning('id')
      .executeTakeFirstOrThrow();
    const accusedPath = body.accusedUnitId ? unit(body.accusedUnitId)!.path : null;
    await trx
      .insertInto('petitions')
      .values({
        id,
        case_no: caseNo,
        stage: 'initial',
        review_of: null,
        root_id: id,
        channel: body.channel,
        matter_type: body.matterType,
        category_id: body.categoryId,
        place_unit_id: body.placeUnitId,
        accused_unit_id: body.accusedUnitId ?? null,
        accused_unit_path: accusedPath,
        title: body.title,
        content: body.content,
        urgency: body.urgency,
        received_at: receivedAt,
        visit: body.visit ? JSON.stringify(body.visit) : null,
        upper_ref: body.upper ? JSON.stringify(body.upper) : null,
        anonymous: body.anonymous,
        collective: flags.collective,
        first_time: flags.firstTime,
        is_repeat: flags.repeat,
        repeat_of: flags.repeatOf,
        skipped_level: flags.skippedLevel,
        law_related: flags.lawRelated,
        after_termination: flags.afterTermination,
        query_code_hash: query.hash,
      })
      .execute();
    for (const p of petitioners) {
      await trx
        .insertInto('petitioners')
        .values({
          petition_id: id,
          name_enc: encryptValue(keys, p.name),
          name_masked: maskName(p.name),
          id_number_enc: p.idNumber ? encryptValue(keys, p.idNumber) : null,
          id_number_masked: p.idNumber ? maskIdNumber(p.idNumber) : null,
          id_number_bidx: p.idNumber ? blindIndex(keys, 'id_number', p.idNumber) : null,
          phone_enc: p.phone ? encryptValue(keys, p.phone) : null,
          phone_masked: p.phone ? maskPhone(p.phone) : null,
          phone_bidx: p.phone ? blindIndex(keys, 'phone', p.phone) : null,
          address: p.address ?? null,
        })
        .execute();
    }
    // the audit records the case, never the petitioners' personal data
    await appendAudit(trx, actor, {
      action: 'petition.register',
      entityType: 'work_item',
      entityId: id,
      after: { caseNo, channel: body.channel, matterType: body.matterType, categoryId: body.categoryId, placeUnitId: body.placeUnitId, petitioners: petitioners.length, anonymous: body.anonymous, flags, state: 'registered' },
    });
    await startDeadline(trx, { workItemId: Number(id), ruleKey: 'xf.dept.route', label: '受理/转送/交办', startedAt: receivedAt, actor });
    return { id: Number(id), caseNo, queryCode: query.code, state: 'registered', flags };
  });
}
