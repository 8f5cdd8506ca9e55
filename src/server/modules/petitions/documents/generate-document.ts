import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { revealPersonalValue, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { issueItemDocument, type IssuedDocument } from '../../../kernel/documents/index.ts';
import { loadCtx, loadRow, loadVisible, type PetitionRow } from '../repository.ts';
import { canReveal, isStaffOf, isXfj } from '../policy.ts';
import { stateName } from '../machine.ts';
import { kindNameFor, petitionDocumentKinds, shortTitle, stepPassed, type CaseFacts } from './kinds.ts';
import { addressPetitioners, petitionerAddressee } from './fill-values.ts';
import { caseFillValues } from './case-values.ts';
import { readDecisions } from '../decisions.ts';

export const REVEAL_REASON = '制作送达文书';
export type GeneratedDocument = IssuedDocument;

/**
 * The unit a document of the case is issued by: the 主办单位 when the user works in it (a village's staff
 * handling a case led by their township write in the township's name), else the user's own unit (信访局).
 */
function issuingUnitId(user: SessionUser, lead: { unitId: number | null; unitPath: string | null } | undefined): number {
  return lead?.unitId && lead.unitPath && isStaffOf(user, lead.unitPath) ? lead.unitId : user.unitId;
}

/**
 * One 信访 document of a case, in the caller's transaction, through the kernel's document service (template,
 * the issuing unit's 代字 and 发文字号, DOCX stored by work item, audit). Notices to the petitioner carry the
 * real name(s), each decrypted as an audited reveal ('制作送达文书'). The caller has checked who may issue it.
 */
async function issueCaseDocument(
  trx: Transaction<DB>,
  opts: { keys: PersonalDataKeys; user: SessionUser; actor: Actor; row: PetitionRow; kind: string; now: Date; reason?: string },
): Promise<GeneratedDocument> {
  const { row, user, actor, now } = opts;
  const def = petitionDocumentKinds.get(opts.kind);
  const { parties } = await loadCtx(trx, row);
  const lead = parties.find((p) => p.role === 'lead');
  const values = await caseFillValues(trx, def.kind, row, lead?.unitId);
  let addressee: string;
  let speak: ((text: string) => string) | undefined;
  if (def.addressedTo === 'requester') {
    const people = row.anonymous
      ? []
      : await trx.selectFrom('petitioners').select(['id', 'name_enc']).where('petition_id', '=', row.id).orderBy('id').execute();
    const names: string[] = [];
    for (const p of people)
      names.push(
        await revealPersonalValue(trx, {
          keys: opts.keys,
          actor,
          entityType: 'petitioner',
          entityId: Number(p.id),
          field: 'name',
          stored: p.name_enc,
          reason: REVEAL_REASON,
        }),
      );
    addressee = petitionerAddressee(names);
    speak = addressPetitioners(names.length);
  } else {
    addressee = values.toUnitName || '有关单位';
  }
  return issueItemDocument(trx, {
    item: { id: Number(row.id), module: 'petition', refNo: row.case_no },
    def,
    values,
    addressee,
    ...(speak ? { speak } : {}),
    unitId: issuingUnitId(user, lead),
    user,
    actor,
    now,
    shortTitle,
    name: kindNameFor(def.kind, row.stage, readDecisions(row.decisions)),
    ...(opts.reason ? { reason: opts.reason } : {}),
  });
}

/**
 * Generates one 信访 document by hand for a case the user can see, in one transaction. A notice of a step the
 * case has moved past (a 处理意见书 after 送达) is made only with a stated reason, which the audit event keeps.
 */
export async function generatePetitionDocument(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  user: SessionUser;
  actor: Actor;
  petitionId: number;
  kind: string;
  now: Date;
  reason?: string;
}): Promise<GeneratedDocument> {
  const { user } = opts;
  const def = petitionDocumentKinds.get(opts.kind);
  const toPetitioner = def.addressedTo === 'requester';
  return opts.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, user, opts.petitionId, true);
    const { ctx, parties } = await loadCtx(trx, row);
    // who may issue: 信访局 for its own slips and notices; the handling unit's staff for notices to the petitioner
    if (toPetitioner ? !canReveal(user, ctx) : !isXfj(user)) throw new AppError('FORBIDDEN');
    const facts: CaseFacts = {
      state: row.state,
      stage: row.stage,
      open: row.open,
      decisions: readDecisions(row.decisions),
      hasLeadUnit: parties.some((p) => p.role === 'lead'),
    };
    const why = def.notApplicable(facts);
    if (why) throw new AppError('DOCUMENT_NOT_APPLICABLE', { name: kindNameFor(def.kind, row.stage, facts.decisions), detail: why });
    const reason = opts.reason?.trim();
    if (stepPassed(def.kind, row.state) && !reason) {
      throw new AppError('DOCUMENT_STEP_PASSED', { state: stateName(row.state), name: kindNameFor(def.kind, row.stage, facts.decisions) }, { field: 'reason' });
    }
    return issueCaseDocument(trx, { ...opts, row, ...(reason ? { reason: `补制：${reason}` } : {}) });
  });
}

/**
 * The written notice of a decision the chain's runner just applied (in its transaction, after the case's new
 * state and decisions are written and before the message that names it): refused with nothing changed —
 * decision included — while the issuing unit has no 代字.
 */
export async function issueDecisionDocument(
  trx: Transaction<DB>,
  opts: { keys: PersonalDataKeys; user: SessionUser; actor: Actor; petitionId: number; kind: string; actionName: string; now: Date },
): Promise<GeneratedDocument> {
  const row = await loadRow(trx, opts.petitionId);
  try {
    return await issueCaseDocument(trx, { ...opts, row });
  } catch (e) {
    if (e instanceof AppError && e.code === 'DOCUMENT_ISSUER_NOT_SET') {
      throw new AppError('DECISION_ISSUER_NOT_SET', {
        unit: e.params.unit,
        document: kindNameFor(opts.kind, row.stage, readDecisions(row.decisions)),
        action: opts.actionName,
      });
    }
    throw e;
  }
}
