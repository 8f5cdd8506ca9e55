import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { addInstruction, requestInstruction } from '../kernel/supervision/index.ts';
import { MODULES } from '../modules/registry.ts';
import { createReceptionDay } from '../modules/platform/leader-work/reception-days.ts';
import { createReceptionRecord } from '../modules/platform/leader-work/reception-records.ts';
import { instant } from './demo-petitions.ts';

export const DEMO_LEADER_WORK_KEY = 'seed.demo.leader_work';
const DAY = 86_400_000;

/** The day `days` after `today`, moved off a weekend to the Monday after (接访日 fall on working days). */
function workingDayAhead(now: Date, days: number): string {
  const d = new Date(`${shanghaiDate(new Date(now.getTime() + days * DAY))}T12:00:00+08:00`);
  const wd = d.getUTCDay();
  const shift = wd === 6 ? 2 : wd === 0 ? 1 : 0;
  return shanghaiDate(new Date(d.getTime() + shift * DAY));
}

/**
 * What the county leaders' first screen needs in the demo (王志强 = leader01, 陈明 = leader02): their 接访日 in the
 * coming weeks (counted from the seeding day), reception records of the past weeks on their 包案 cases, and 报请批示
 * from 信访局 — two awaiting 王志强, one awaiting 陈明, one 王志强 answered. Written through the same use cases as
 * the console (audited, each on its own day). Runs after the demo petitions (their 包案 come from the 交办 script);
 * idempotent on a settings marker; skipped until the demo cases exist.
 */
export async function seedDemoLeaderWork(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  const { now } = opts;
  let recordedAt = now;
  const db = withAuditTime(opts.db, () => recordedAt);
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_LEADER_WORK_KEY).executeTakeFirst()) return { seeded: false };
  const titles = [
    '龙头村土地征收补偿款未足额发放',
    '再次反映龙头村征地补偿余款未发放',
    '锦华苑小区物业费上调及公共收益公开问题',
    '溪口村通组公路硬化不到一年即开裂破损',
    '建议增开县城至云雾乡早班客车',
  ];
  const cases = await db.selectFrom('work_items').select(['id', 'title']).where('module', '=', 'petition').where('title', 'in', titles).execute();
  const caseId = (title: string) => Number(cases.find((c) => c.title === title)?.id ?? 0);
  if (titles.some((t) => !caseId(t))) return { seeded: false };
  const leaders = await db.selectFrom('leaders').select(['id', 'name']).where('name', 'in', ['王志强', '陈明']).execute();
  const leaderId = (name: string) => Number(leaders.find((l) => l.name === name)!.id);
  if (leaders.length < 2) return { seeded: false };

  const claimed = await db.transaction().execute(async (trx) => {
    await trx.selectFrom('audit_head').select('id').where('id', '=', 1).forUpdate().execute();
    if (await trx.selectFrom('settings').select('key').where('key', '=', DEMO_LEADER_WORK_KEY).executeTakeFirst()) return false;
    await trx
      .insertInto('settings')
      .values({ key: DEMO_LEADER_WORK_KEY, value: JSON.stringify({ version: 1, status: 'seeding' }) })
      .execute();
    return true;
  });
  if (!claimed) return { seeded: false };

  const users = await selectUserWithUnit(db).where('users.username', 'in', ['xfj01', 'leader01', 'leader02']).execute();
  const session = (username: string): { user: SessionUser; actor: Actor } => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`演示领导工作数据引用了不存在的账号“${username}”`);
    const user = toSessionUser(u);
    return { user, actor: { userId: user.id, name: user.displayName, unitId: user.unitId, ip: null } };
  };
  const modules = createCatalog(MODULES);
  const xfj = session('xfj01');
  const wang = leaderId('王志强');
  const chen = leaderId('陈明');
  let k = 500;
  const at = (daysAgo: number) => {
    recordedAt = instant(now, daysAgo, k++);
    return recordedAt;
  };

  // 接访日 in the coming weeks, published for the portal (one still a draft)
  const days: { leaderId: number; ahead: number; place: string; topic: string; published: boolean }[] = [
    { leaderId: wang, ahead: 3, place: '县信访局接待大厅', topic: '征地拆迁、土地权属问题', published: true },
    { leaderId: chen, ahead: 6, place: '县信访局接待大厅', topic: '交通运输、安全生产问题', published: true },
    { leaderId: wang, ahead: 17, place: '龙蚕镇便民服务中心', topic: '带案下访：龙头村征地补偿', published: true },
    { leaderId: chen, ahead: 20, place: '碧溪乡便民服务中心', topic: '农村公路质量问题', published: false },
  ];
  for (const d of days) {
    at(0);
    await createReceptionDay({
      db,
      user: xfj.user,
      actor: xfj.actor,
      now: recordedAt,
      input: {
        leaderId: d.leaderId,
        date: workingDayAhead(now, d.ahead),
        startTime: '09:00',
        endTime: '12:00',
        place: d.place,
        topic: d.topic,
        published: d.published,
      },
    });
  }

  // reception records of the past weeks on their 包案 cases (dated after the cases were received)
  const records = [
    {
      daysAgo: 8,
      leaderId: wang,
      kind: 'reception' as const,
      place: '县信访局接待大厅',
      summary: '王志强同志接待龙头村村民代表3人，听取征地补偿款分配情况，要求龙蚕镇会同县财政局逐户核对、张榜公开，两周内答复。',
      batches: 1,
      persons: 3,
      cases: ['龙头村土地征收补偿款未足额发放', '再次反映龙头村征地补偿余款未发放'],
    },
    {
      daysAgo: 3,
      leaderId: chen,
      kind: 'down_visit' as const,
      place: '碧溪乡溪口村',
      summary: '陈明同志带案下访溪口村，察看开裂路段，要求县交通运输局督促施工单位在检测结论出具后立即返修。',
      batches: 1,
      persons: 2,
      cases: ['溪口村通组公路硬化不到一年即开裂破损'],
    },
  ];
  for (const r of records) {
    const when = at(r.daysAgo);
    await createReceptionRecord({
      db,
      modules,
      user: xfj.user,
      actor: xfj.actor,
      now: when,
      input: {
        leaderId: r.leaderId,
        kind: r.kind,
        receptionDayId: null,
        date: shanghaiDate(when),
        place: r.place,
        summary: r.summary,
        batches: r.batches,
        persons: r.persons,
        workItemIds: r.cases.map(caseId),
      },
    });
  }

  // 报请批示: one answered by 王志强, the others awaiting (待我批示)
  const asks = [
    { daysAgo: 30, leaderId: wang, title: '龙头村土地征收补偿款未足额发放', question: '补偿款缺口约46万元，镇村无力垫付，是否由县财政先行调度？请批示。' },
    {
      daysAgo: 2,
      leaderId: wang,
      title: '锦华苑小区物业费上调及公共收益公开问题',
      question: '业主联名要求审计公共收益，街道建议由县住建局牵头组织第三方审计，请批示。',
    },
    { daysAgo: 1, leaderId: wang, title: '再次反映龙头村征地补偿余款未发放', question: '信访人再次来信反映余款未发放，是否并入原包案事项一并化解？请批示。' },
    {
      daysAgo: 1,
      leaderId: chen,
      title: '溪口村通组公路硬化不到一年即开裂破损',
      question: '施工单位对检测结论有异议，是否由县交通运输局另行委托复检？请批示。',
    },
  ];
  for (const a of asks) {
    const when = at(a.daysAgo);
    await requestInstruction({
      db,
      modules,
      user: xfj.user,
      actor: xfj.actor,
      workItemId: caseId(a.title),
      now: when,
      leaderId: a.leaderId,
      question: a.question,
    });
  }
  const leader01 = session('leader01');
  await addInstruction({
    db,
    modules,
    user: leader01.user,
    actor: leader01.actor,
    workItemId: caseId('龙头村土地征收补偿款未足额发放'),
    now: at(29),
    text: '同意由县财政先行调度补偿款缺口，龙蚕镇负责逐户兑付并张榜公开，月底前报结果。',
  });

  recordedAt = now;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('settings')
      .set({ value: JSON.stringify({ version: 1, status: 'done' }) })
      .where('key', '=', DEMO_LEADER_WORK_KEY)
      .execute();
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'seed.demo.leader_work',
      entityType: 'leader',
      after: { receptionDays: days.length, receptionRecords: records.length, requests: asks.length },
    });
  });
  return { seeded: true };
}
