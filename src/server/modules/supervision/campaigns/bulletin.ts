import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { buildOfficialDocx, formatChineseDate } from '../../../core/documents/index.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { formatAmount } from '../../../core/clock/deadline-compute.ts';
import { nextDocumentNumber, requireIssuer } from '../../../kernel/documents/index.ts';
import { isCampaignOffice, OBJECTION_RULE } from './fields.ts';
import { createRectificationTasks } from './tasks.ts';

type Q = Kysely<DB> | Transaction<DB>;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const cn = (i: number) => CN[i] ?? String(i + 1);
const METHOD_WORDS = { listen_check_see: '一听、二查、三看', unannounced: '暗访', random: '随机抽查' } as const;

/** Everything the 通报 says, per target in the groups' order. */
export async function bulletinFacts(db: Q, campaignId: number) {
  const c = await db
    .selectFrom('sv_campaigns as c')
    .innerJoin('units as o', 'o.id', 'c.organiser_unit_id')
    .select([
      'c.id',
      'c.name',
      'c.method',
      'c.period_from',
      'c.period_to',
      'c.basis',
      'c.checklist',
      'c.organiser_unit_id',
      'o.name as organiser_name',
      'c.bulletin_issued_on',
    ])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const [groups, targets, records, problems] = await Promise.all([
    db.selectFrom('sv_campaign_groups').select(['id', 'name', 'leader_name', 'members']).where('campaign_id', '=', c.id).orderBy('seq').execute(),
    db
      .selectFrom('sv_campaign_targets as t')
      .innerJoin('units as u', 'u.id', 't.unit_id')
      .innerJoin('sv_campaign_groups as g', 'g.id', 't.group_id')
      .select(['t.id', 't.unit_id', 't.group_id', 'u.name as unit_name'])
      .where('t.campaign_id', '=', c.id)
      .orderBy('g.seq')
      .orderBy('u.path')
      .execute(),
    db
      .selectFrom('sv_campaign_records as r')
      .innerJoin('sv_campaign_targets as t', 't.id', 'r.target_id')
      .selectAll('r')
      .where('t.campaign_id', '=', c.id)
      .orderBy('r.inspected_on')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('sv_campaign_problems as p')
      .innerJoin('sv_campaign_targets as t', 't.id', 'p.target_id')
      .selectAll('p')
      .where('t.campaign_id', '=', c.id)
      .orderBy('p.id')
      .execute(),
  ]);
  return { campaign: c, groups, targets, records, problems };
}

const joined = (parts: (string | null)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join('；');

/** The 通报's body: what was done, findings per unit (做法, 问题 with 整改要求 and 期限), and the objection right with its source. */
export function bulletinBody(f: Awaited<ReturnType<typeof bulletinFacts>>, objection: { period: string; source: string }, summary: string | null): string[] {
  const { campaign: c, groups, targets, records, problems } = f;
  const body: string[] = [];
  const unitNames = targets.map((t) => t.unit_name);
  body.push(
    `${c.basis ? `根据${c.basis.replace(/[。；;]$/, '')}，` : ''}${formatChineseDate(c.period_from)}至${formatChineseDate(c.period_to)}，${c.organiser_name}组成${groups.length}个检查组，采取${METHOD_WORDS[c.method]}的方式，对${unitNames.join('、')}等${unitNames.length}个单位开展了${c.name}。现将有关情况通报如下：`,
  );
  body.push('一、督查内容');
  body.push(c.checklist.map((x, i) => `${i + 1}.${x.replace(/[。；;]$/, '')}`).join('；') + '。');
  if (summary) {
    body.push('二、总体情况');
    body.push(summary);
  }
  const n = summary ? 2 : 1;
  body.push(`${cn(n)}、各单位督查情况`);
  targets.forEach((t, i) => {
    body.push(`（${cn(i)}）${t.unit_name}`);
    const rs = records.filter((r) => Number(r.target_id) === Number(t.id));
    const heard = joined(rs.map((r) => r.heard));
    const checked = joined(rs.map((r) => r.checked));
    const seen = joined(rs.map((r) => r.seen));
    const good = joined(rs.map((r) => r.good_practices));
    if (heard) body.push(`听取汇报：${heard}`);
    if (checked) body.push(`查阅资料：${checked}`);
    if (seen) body.push(`实地查看：${seen}`);
    if (good) body.push(`好的做法：${good}`);
    const ps = problems.filter((p) => Number(p.target_id) === Number(t.id));
    if (ps.length === 0) body.push('存在问题：本次督查未发现问题。');
    else
      ps.forEach((p, k) =>
        body.push(
          `存在问题${k + 1}：${p.description.replace(/[。；;]$/, '')}。整改要求：${p.requirement.replace(/[。；;]$/, '')}，于${formatChineseDate(p.due_on)}前整改到位。`,
        ),
      );
  });
  body.push(`${cn(n + 1)}、工作要求`);
  body.push(
    `请各被督查单位对照本通报指出的问题，逐项制定整改措施，在整改期限内整改到位，并将整改情况书面报送${c.organiser_name}，${c.organiser_name}将跟踪督办、适时复查。对督查结论有异议的，可以自收到本通报之日起${objection.period}内向${c.organiser_name}申请复核（${objection.source}）。`,
  );
  return body;
}

/**
 * Issues the campaign's 通报: refused until every target has a record; numbered with the organiser's 代字 (no gaps:
 * the number is taken in this transaction), the GB/T 9704 DOCX kept with its hash, every problem made a 督办事项 for
 * its unit with its deadline (source: this campaign) — all or nothing, audited. From now on each target sees its own findings.
 */
export async function issueBulletin(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; campaignId: number; summary: string | null; today: string; now: Date },
): Promise<{ number: string }> {
  const { user } = opts;
  if (!isCampaignOffice(user)) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('sv_campaigns')
      .select(['id', 'name', 'bulletin_issued_on', 'organiser_unit_id'])
      .where('id', '=', opts.campaignId)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.bulletin_issued_on) throw new AppError('SV_CAMPAIGN_ISSUED', { name: locked.name });
    const f = await bulletinFacts(trx, opts.campaignId);
    const silent = f.targets.filter((t) => !f.records.some((r) => Number(r.target_id) === Number(t.id)));
    if (silent.length) throw new AppError('SV_BULLETIN_INCOMPLETE', { units: silent.map((t) => t.unit_name).join('、') });
    if (opts.today < f.campaign.period_from) throw new AppError('SV_CAMPAIGN_INVALID', { detail: '督查尚未开始，不能印发通报' });
    const [issuer, rule] = await Promise.all([requireIssuer(trx, Number(locked.organiser_unit_id)), findRule(trx, OBJECTION_RULE)]);
    const { number } = await nextDocumentNumber(trx, { unitId: issuer.unitId, prefix: issuer.prefix, year: Number(opts.today.slice(0, 4)) });
    const title = `关于${f.campaign.name.replace(/^关于/, '').replace(/情况的通报$/, '')}情况的通报`;
    const bytes = await buildOfficialDocx({
      issuerMark: issuer.mark,
      number,
      title,
      addressee: '各被督查单位',
      body: bulletinBody(f, { period: formatAmount(rule.amount, rule.unit), source: rule.source }, opts.summary),
      signature: issuer.unitName,
      date: opts.today,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = `${number}${title}.docx`;
    await trx
      .updateTable('sv_campaigns')
      .set({
        bulletin_number: number,
        bulletin_issued_on: opts.today,
        bulletin_summary: opts.summary,
        bulletin_file_name: fileName,
        bulletin_sha256: sha256,
        bulletin_docx: Buffer.from(bytes),
        bulletin_issued_by: user.id,
      })
      .where('id', '=', locked.id)
      .execute();
    const tasks = await createRectificationTasks(trx, {
      campaign: { id: Number(locked.id), name: f.campaign.name, number, title },
      problems: f.problems.map((p) => ({
        id: Number(p.id),
        unitId: Number(f.targets.find((t) => Number(t.id) === Number(p.target_id))!.unit_id),
        unitName: f.targets.find((t) => Number(t.id) === Number(p.target_id))!.unit_name,
        description: p.description,
        requirement: p.requirement,
        dueOn: p.due_on,
      })),
      user,
      actor: opts.actor,
      now: opts.now,
    });
    for (const [problemId, taskId] of tasks) await trx.updateTable('sv_campaign_problems').set({ task_id: taskId }).where('id', '=', problemId).execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.campaign.bulletin',
      entityType: 'sv_campaign',
      entityId: Number(locked.id),
      after: { 发文字号: number, 标题: title, 成文日期: opts.today, 文件摘要: sha256, 整改事项: tasks.size },
    });
    return { number };
  });
}
