import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { intakeBody, type IntakeBody } from '../intake-schema.ts';
import { answerRetry, requestHash, type OnlineResult } from '../register-online.ts';
import { prepareFor } from '../register-petition.ts';
import { attachUploadsToItem } from '../../../kernel/attachments/index.ts';
import { refuseOverLimit } from './rate-limit.ts';
import type { PortalIntakeAnswer, PortalSubmission } from './portal-intake.ts';
import { NOTICE_VERSION, PORTAL_PLACE_KINDS } from './portal-texts.ts';
import type { SubmitBody } from './schemas.ts';
import { acceptanceUndecided, citizenDeadline } from './citizen-wording.ts';

export interface SubmitAnswer {
  caseNo: string;
  queryCode: string;
  receivedAt: string;
  replayed: boolean;
  message: string;
  /** 暂定 while the 受理 decision is not taken (right after a submission it never is: the 受理 period has just started) */
  deadlines: { label: string; dueDate: string | null; provisional: boolean; provisionalReason: string | null; ruleName: string | null }[];
}

const fieldError = (field: string, detail: string) => new AppError('VALIDATION_FAILED', { detail: `${field}：${detail}` }, { field });

/**
 * 网上信访 submission: a retry with the same Idempotency-Key answers with the first case (before any captcha or limit,
 * since the first attempt used them up); otherwise the limits per IP and per phone, the captcha and the attachments are
 * checked, then the form, and the staff intake use case registers the case (channel online, owned by the online intake
 * unit) — all of it in one batch with the submissions that arrive at the same time (portal-intake.ts). The uploads are
 * linked after.
 */
export async function submitPetition(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  intake: (submission: PortalSubmission) => Promise<PortalIntakeAnswer>;
  body: SubmitBody;
  idempotencyKey: string;
  ip: string;
  now: Date;
  setRetryAfter: (seconds: number) => void;
}): Promise<SubmitAnswer> {
  const { db, keys, body, now } = opts;
  const { captcha: _captcha, ...request } = body;
  const idempotency = { scope: 'portal', key: opts.idempotencyKey, request };
  const claim = { scope: 'portal', key: opts.idempotencyKey, requestHash: requestHash(request) };
  const actor: Actor = { userId: null, name: '网上信访人', unitId: null, ip: opts.ip };
  const retried = async () => {
    // a retry answers with the first case (and a different request under the same key is refused)
    const earlier = await answerRetry(db, keys, idempotency);
    if (!earlier) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return answerOf(earlier);
  };
  let answer: PortalIntakeAnswer;
  try {
    answer = await opts.intake({
      gate: { idempotencyKey: opts.idempotencyKey, ip: opts.ip, phone: body.phone, captcha: body.captcha, attachments: body.attachments, now },
      prepare: (owner) => prepareFor({ keys, actor, now, body: intakeOf(body), owner, idempotency: claim, placeKinds: PORTAL_PLACE_KINDS }),
    });
  } catch (err) {
    // two requests with the same key at once: the second lost the race on the primary key
    if ((err as { code?: string }).code === '23505') return retried();
    throw err;
  }
  if (answer.kind === 'invalid') throw answer.error;
  if (answer.kind === 'refused') {
    const gate = answer.outcome;
    if (gate.kind === 'retry') return retried();
    if (gate.kind === 'limited') refuseOverLimit(gate.over, opts.setRetryAfter);
    if (gate.kind === 'captcha-wrong') throw new AppError('PORTAL_CAPTCHA_WRONG', {}, { field: 'captcha.answer' });
    throw new AppError('PORTAL_ATTACHMENT_INVALID', {}, { field: 'attachments' });
  }
  await attachUploadsToItem(db, { workItemId: answer.result.id, tokens: body.attachments, actor, now });
  return answerOf({ ...answer.result, replayed: false });
}

/** The portal form as the staff intake's body (channel 网上), or its first error as a zh-CN sentence naming the field. */
function intakeOf(body: SubmitBody): IntakeBody {
  if (body.noticeVersion !== NOTICE_VERSION) throw new AppError('PORTAL_NOTICE_OUTDATED', {}, { field: 'noticeVersion' });
  if (body.matterType === 'appeal') {
    if (body.anonymous) throw fieldError('anonymous', '申诉求决类信访不能匿名，请填写姓名和手机号码');
    if (!body.name) throw fieldError('name', '申诉求决类信访须填写姓名');
    if (!body.phone) throw fieldError('phone', '申诉求决类信访须填写手机号码，以便告知办理结果');
  }
  if (!body.anonymous && !body.name) throw fieldError('name', '请填写姓名，或选择匿名提交（仅建议意见、检举控告类）');

  const parsed = intakeBody.safeParse({
    channel: 'online',
    anonymous: body.anonymous,
    petitioners: body.anonymous ? [] : [{ name: body.name, idNumber: body.idNumber, phone: body.phone, address: body.address }],
    matterType: body.matterType,
    categoryId: body.categoryId,
    placeUnitId: body.placeUnitId,
    title: body.title,
    content: body.content,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // petitioners.0.phone → phone: the portal form has one person
    const field =
      (issue?.path ?? [])
        .map(String)
        .filter((p) => p !== 'petitioners' && p !== '0')
        .join('.') || 'body';
    throw fieldError(field, issue?.message ?? '格式不正确');
  }
  return parsed.data;
}

function answerOf(result: OnlineResult): SubmitAnswer {
  return {
    caseNo: result.caseNo,
    queryCode: result.queryCode,
    receivedAt: result.receivedAt,
    replayed: result.replayed,
    message: `您的信访事项已提交，信访件编号 ${result.caseNo}，查询码 ${result.queryCode}。请妥善保存查询码，凭编号和查询码可查询办理进展、查看答复。`,
    deadlines: result.deadlines.map((d) => citizenDeadline(d, acceptanceUndecided(result.state))),
  };
}
