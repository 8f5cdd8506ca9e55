import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { prepareFor, registerInTransaction } from './register-petition.ts';

/** What a dispute that escalates brings to 信访: its parties (in clear only in memory), facts, place and category. */
export interface PetitionFromDispute {
  keys: PersonalDataKeys;
  /** the dispute handler who escalates it: the petition is registered in the name of their unit */
  user: SessionUser;
  actor: Actor;
  now: Date;
  petitioners: { name: string; idNumber?: string; phone?: string }[];
  title: string;
  content: string;
  categoryId: number;
  placeUnitId: number;
}

/**
 * 升级处理 of a 矛盾纠纷 (《信访工作条例》第三十七条, 三调联动): the dispute becomes a 信访事项 registered in the same
 * transaction, by the same use case as any registration (checks, flags, case number, clocks, audit), with the
 * dispute's parties as petitioners — their personal data encrypted, masked and blind-indexed as for every petitioner.
 * Owned by the escalating handler's unit (the 乡镇 or 维稳办 hands it over), so it stays in their sight and comes
 * before 信访局 for 受理 and 交办 like every new petition. The caller links it to the dispute (kernel link).
 */
export async function registerPetitionFromDispute(trx: Transaction<DB>, o: PetitionFromDispute): Promise<{ id: number; caseNo: string }> {
  const prepared = prepareFor({
    keys: o.keys,
    actor: o.actor,
    now: o.now,
    owner: { unitId: o.user.unitId, unitPath: o.user.unitPath },
    idempotency: null,
    body: {
      channel: 'visit',
      visit: { batches: 1, persons: Math.max(1, o.petitioners.length) },
      anonymous: false,
      petitioners: o.petitioners.map((p) => ({ name: p.name, ...(p.idNumber ? { idNumber: p.idNumber } : {}), ...(p.phone ? { phone: p.phone } : {}) })),
      matterType: 'appeal',
      categoryId: o.categoryId,
      placeUnitId: o.placeUnitId,
      title: o.title,
      content: o.content,
      urgency: 'normal',
      skippedLevel: false,
      lawRelated: false,
    },
  });
  const [r] = await registerInTransaction(trx, [prepared]);
  return { id: r!.id, caseNo: r!.caseNo };
}
