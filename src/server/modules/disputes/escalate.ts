import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { decryptValue, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import type { ModuleCatalog } from '../../kernel/catalog/index.ts';
import { findVisibleByRef, linkItems } from '../../kernel/links/index.ts';
import { registerPetitionFromDispute } from '../petitions/index.ts';
import { createSupervisionTasks } from '../supervision/index.ts';

/** The link a dispute keeps to the case it escalated to (kernel kind 'escalates': 升级为 / 由…升级). */
export const ESCALATES_LINK = 'escalates';

export interface EscalateInput {
  route: 'petition' | 'supervision';
  refNo?: string;
  reason: string;
  /** 纳入督查督办 without a number: the 督办事项's 完成时限 */
  dueDate?: string;
}

/**
 * 升级处理's other half, in the action's transaction: the dispute is linked to the case it became — an existing one
 * named by its number, or (转为信访事项 without a number) a 信访事项 registered now from the dispute: its applicants
 * (every party when none is marked 申请人) as petitioners, its facts, place and the 信访问题类别 its type names.
 * 纳入督查督办: an existing 督办事项 named by its number, or (with a 完成时限 instead) a 督办事项 created now through the
 * 督查督办 module (source kind 'dispute'), assigned to the dispute's 调处单位 and verified by the escalating user's unit.
 */
export async function escalateDispute(
  trx: Transaction<DB>,
  o: { disputeId: number; input: EscalateInput; on: string; user: SessionUser; actor: Actor; now: Date; keys: PersonalDataKeys; modules: ModuleCatalog },
): Promise<{ id: number; refNo: string; created: boolean }> {
  const { input } = o;
  const refNo = input.refNo?.trim();
  let target: { id: number; refNo: string; created: boolean };
  if (refNo) {
    const id = await findVisibleByRef(trx, o.modules, o.user, { refNo, module: input.route });
    target = { id, refNo, created: false };
  } else if (input.route === 'supervision') {
    target = await superviseDispute(trx, o);
  } else {
    const d = await trx
      .selectFrom('disputes as d')
      .innerJoin('work_items as wi', 'wi.id', 'd.id')
      .innerJoin('dispute_types as ty', 'ty.id', 'd.type_id')
      .select(['d.facts', 'd.place', 'd.place_unit_id', 'wi.title', 'wi.ref_no', 'ty.name as type_name', 'ty.petition_category_id'])
      .where('d.id', '=', o.disputeId)
      .executeTakeFirstOrThrow();
    if (d.petition_category_id === null)
      throw new AppError(
        'VALIDATION_FAILED',
        { detail: `信访事项编号：纠纷类型“${d.type_name}”未设置对应的信访问题类别，请由信访局登记信访事项后填写其编号` },
        { field: 'refNo' },
      );
    const parties = await trx
      .selectFrom('dispute_parties')
      .select(['role', 'name_enc', 'id_number_enc', 'phone_enc'])
      .where('dispute_id', '=', o.disputeId)
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const applicants = parties.some((p) => p.role === 'applicant') ? parties.filter((p) => p.role === 'applicant') : parties;
    const petition = await registerPetitionFromDispute(trx, {
      keys: o.keys,
      user: o.user,
      actor: o.actor,
      now: o.now,
      petitioners: applicants.map((p) => ({
        name: decryptValue(o.keys, p.name_enc),
        ...(p.id_number_enc ? { idNumber: decryptValue(o.keys, p.id_number_enc) } : {}),
        ...(p.phone_enc ? { phone: decryptValue(o.keys, p.phone_enc) } : {}),
      })),
      title: [...d.title].slice(0, 200).join(''),
      content: [
        `矛盾纠纷${d.ref_no}调处中升级，转为信访事项。`,
        `升级原因：${input.reason.trim()}`,
        `纠纷情况：${d.facts}`,
        d.place ? `具体地点：${d.place}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      categoryId: Number(d.petition_category_id),
      placeUnitId: Number(d.place_unit_id),
    });
    target = { id: petition.id, refNo: petition.caseNo, created: true };
  }
  await linkItems(trx, {
    modules: o.modules,
    user: o.user,
    actor: o.actor,
    now: o.now,
    fromId: o.disputeId,
    toId: target.id,
    kind: ESCALATES_LINK,
    note: input.reason,
    // a case registered now is linked today; an existing one on the day the dispute escalated
    ...(target.created ? {} : { occurredOn: o.on }),
  });
  return target;
}

/** 纳入督查督办 without a number: one 督办事项 for the dispute's 调处单位 (work item owner), due on the date given. */
async function superviseDispute(
  trx: Transaction<DB>,
  o: { disputeId: number; input: EscalateInput; on: string; user: SessionUser; actor: Actor; now: Date },
): Promise<{ id: number; refNo: string; created: boolean }> {
  const due = o.input.dueDate;
  if (!due) throw new AppError('VALIDATION_FAILED', { detail: '督办完成时限：纳入督查督办的，须填写完成时限或已立项的督办事项编号' }, { field: 'dueDate' });
  const d = await trx
    .selectFrom('work_items as wi')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .select(['wi.ref_no', 'wi.title', 'wi.owner_unit_id', 'u.name as unit_name'])
    .where('wi.id', '=', o.disputeId)
    .executeTakeFirstOrThrow();
  if (Number(d.owner_unit_id) === o.user.unitId)
    throw new AppError(
      'VALIDATION_FAILED',
      { detail: `升级途径：本纠纷由${d.unit_name}调处，纳入督查督办须由上级单位（如县维稳办）交办，不能交办给本单位自己` },
      { field: 'route' },
    );
  if (due <= o.on) throw new AppError('VALIDATION_FAILED', { detail: `督办完成时限：应晚于今天（${o.on}）` }, { field: 'dueDate' });
  const [taskId] = await createSupervisionTasks(trx, {
    user: o.user,
    actor: o.actor,
    now: o.now,
    source: { kind: 'dispute', id: o.disputeId, label: `矛盾纠纷${d.ref_no}《${[...d.title].slice(0, 60).join('')}》升级` },
    tasks: [
      { unitId: Number(d.owner_unit_id), title: `督办：${[...d.title].slice(0, 180).join('')}`, detail: `升级原因：${o.input.reason.trim()}`, dueDate: due },
    ],
  });
  const task = await trx.selectFrom('work_items').select('ref_no').where('id', '=', taskId!).executeTakeFirstOrThrow();
  return { id: taskId!, refNo: task.ref_no, created: true };
}
