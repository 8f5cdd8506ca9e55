import { crc32, deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { addDaysIso, shanghaiDate } from '../core/clock/clock.ts';
import { createPlan, drawPlan } from '../modules/safety/inspections/plans.ts';
import { submitRecord, type RecordInput } from '../modules/safety/inspections/records.ts';

export const DEMO_INSPECTIONS_KEY = 'seed.demo.inspections';
export const DEMO_DRAW_SEED = 'QL-2026Q4-SJ-0371';

/** A small PNG of a pen stroke (what the signature canvas sends), drawn without any image library. */
function strokePng(phase: number): string {
  const w = 160;
  const h = 48;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 4);
    for (let x = 0; x < w; x++) {
      const cy = h / 2 + Math.sin(x / 9 + phase) * 12 + Math.sin(x / 3.7) * 4;
      if (x > 8 && x < w - 8 && Math.abs(y - cy) < 1.6) row.set([20, 30, 90, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** [checklist item index, finding, category, location, days to rectify] of a failed item */
type Fail = [number, string, string, string, number];

/**
 * The demo county's 监督检查, each step recorded on its own day (withAuditTime): a 大检查 finished last month whose
 * records found hazards (registered in the ledger through the records themselves), a 双随机 draw this quarter with its
 * recorded seed and some targets inspected, a 四不两直 plan for next week (hidden from qy_demo01 and 龙蚕镇 until
 * recorded), and a 专项整治 with targets for today assigned to safety01, so the field page has work. Idempotent on a
 * settings marker; skipped until the demo register exists.
 */
export async function seedDemoInspections(opts: { db: Kysely<DB>; now: Date; dataDir: string }): Promise<{ seeded: boolean }> {
  const { now } = opts;
  let recordedAt = now;
  const db = withAuditTime(opts.db, () => recordedAt);
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_INSPECTIONS_KEY).executeTakeFirst()) return { seeded: false };
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const names = ['safety01', 'town_lc01', 'liaison_zj', 'town_bx01', 'street_cg01'] as const;
  const found = await Promise.all(names.map(userOf));
  const people = found.filter((p): p is SessionUser => p !== null);
  if (people.length !== names.length) return { seeded: false };
  const [safety, townLc, liaisonZj, townBx, streetCg] = people as [SessionUser, SessionUser, SessionUser, SessionUser, SessionUser];
  const byId = new Map(people.map((p) => [p.id, p]));
  const enterprises = await db.selectFrom('safety_enterprises').select(['id', 'name']).execute();
  const ent = (name: string) => Number(enterprises.find((e) => e.name === name)?.id ?? 0);
  const wanted = [
    '龙蚕镇永兴五金建材店',
    '金甲乡农贸市场',
    '桃源乡花果山农家乐',
    '龙蚕镇丝绸织造厂（三合一）',
    '城关街道老味道火锅店',
    '青云街道金汤餐馆',
    '青岚县港华燃气有限公司',
  ];
  if (wanted.some((n) => !ent(n))) return { seeded: false };
  const checklists = await db
    .selectFrom('safety_checklists as c')
    .innerJoin('safety_checklist_items as i', 'i.checklist_id', 'c.id')
    .select(['c.id', 'c.name', 'i.id as item_id'])
    .where('i.disabled', '=', false)
    .orderBy('c.id')
    .orderBy('i.sort')
    .execute();
  const checklist = (name: string) => {
    const rows = checklists.filter((c) => c.name === name);
    return { id: Number(rows[0]?.id ?? 0), items: rows.map((r) => Number(r.item_id)) };
  };
  const fire = checklist('九小场所消防安全检查表');
  const gas = checklist('燃气使用安全检查表');
  if (!fire.id || !gas.id) return { seeded: false };

  const today = shanghaiDate(now);
  const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
  const notAfterNow = (d: Date) => (d.getTime() > now.getTime() ? now : d);
  const targetsOf = async (planId: number) =>
    db.selectFrom('safety_inspection_targets').select(['id', 'enterprise_id', 'inspector_ids']).where('plan_id', '=', planId).orderBy('id').execute();
  const record = async (
    target: { id: number | string; inspector_ids: number[] },
    list: { id: number; items: number[] },
    when: Date,
    fails: Fail[],
    extra: Partial<RecordInput>,
  ) => {
    const ids = target.inspector_ids.map(Number);
    const inspector = byId.get(ids.includes(safety.id) ? safety.id : ids[0]!)!;
    recordedAt = notAfterNow(new Date(when.getTime() + 90 * 60_000));
    const inspectedOn = shanghaiDate(when);
    const input: RecordInput = {
      checklistId: list.id,
      inspectedAt: when.toISOString(),
      results: list.items.map((itemId, i) => {
        const f = fails.find((x) => x[0] === i);
        return f
          ? { itemId, outcome: 'fail', finding: f[1], category: f[2], grade: 'general', location: f[3], dueOn: addDaysIso(inspectedOn, f[4]) }
          : { itemId, outcome: i === list.items.length - 1 && !fails.length ? 'na' : 'pass' };
      }),
      photos: [],
      inspectorSignature: strokePng(Number(target.id) % 7),
      partySignature: strokePng((Number(target.id) % 5) + 2),
      ...extra,
    };
    await submitRecord(db, {
      targetId: Number(target.id),
      key: `demo-inspection-${target.id}`,
      input,
      user: inspector,
      actor: actorOf(inspector, null),
      now: recordedAt,
      dataDir: opts.dataDir,
    });
  };

  // 1. 大检查 last month, finished: four places of the 九小场所 checklist, two with failed items → hazards
  const lastMonthStart = `${addDaysIso(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const lastMonthEnd = addDaysIso(`${today.slice(0, 7)}-01`, -1);
  recordedAt = at(addDaysIso(lastMonthStart, -3), '09:30');
  const general = await createPlan(db, {
    input: {
      kind: 'general',
      title: `${Number(lastMonthStart.slice(5, 7))}月九小场所消防安全大检查`,
      periodFrom: lastMonthStart,
      periodTo: lastMonthEnd,
      checklistId: fire.id,
      enterpriseIds: [ent('龙蚕镇永兴五金建材店'), ent('金甲乡农贸市场'), ent('桃源乡花果山农家乐'), ent('龙蚕镇丝绸织造厂（三合一）')],
      inspectorIds: [safety.id, townLc.id],
    },
    user: safety,
    actor: actorOf(safety, null),
  });
  const generalTargets = await targetsOf(general.id);
  const generalScript: [string, number, Fail[], Partial<RecordInput>][] = [
    ['龙蚕镇永兴五金建材店', 4, [], { partyName: '陈永兴', remarks: '门市及后仓检查未发现问题，已当场宣传夏季用电安全。' }],
    [
      '金甲乡农贸市场',
      9,
      [[1, '市场东侧两具手提式灭火器压力指针处于红区，已失效，周边 30 米内无其他灭火器材', '消防安全', '市场东侧摊位区', 7]],
      { partyName: '魏农丰', remarks: '市场管理方当场表示立即更换灭火器。' },
    ],
    ['桃源乡花果山农家乐', 12, [], { partyName: '陶花果' }],
    [
      '龙蚕镇丝绸织造厂（三合一）',
      16,
      [
        [3, '车间内为电动自行车充电，充电线从二楼窗口拉下，插座无漏电保护', '电气安全', '一楼车间东门', 5],
        [4, '车间通往宿舍楼梯间的应急照明灯不亮，疏散指示标志被布匹遮挡', '消防安全', '车间楼梯间', 10],
      ],
      { partyName: '金丝雨', remarks: '与龙蚕镇联合检查；“三合一”问题已另案整改。' },
    ],
  ];
  for (const [name, day, fails, extra] of generalScript) {
    const target = generalTargets.find((t) => Number(t.enterprise_id) === ent(name))!;
    const on = addDaysIso(lastMonthStart, Math.min(day, Number(lastMonthEnd.slice(8)) - 1));
    await record(target, fire, at(on, '10:20'), fails, extra);
  }

  // 2. 双随机 this quarter: drawn a few days into the quarter with a recorded seed; some targets inspected since
  const month = Number(today.slice(5, 7));
  const quarterStart = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  const quarterEnd = addDaysIso(`${addDaysIso(quarterStart, 95).slice(0, 7)}-01`, -1);
  const drawnOn = addDaysIso(quarterStart, 3) <= today ? addDaysIso(quarterStart, 3) : today;
  recordedAt = notAfterNow(at(drawnOn, '15:00'));
  const random = await drawPlan(db, {
    input: {
      title: `${today.slice(0, 4)}年第${Math.ceil(month / 3)}季度安全生产“双随机”抽查`,
      periodFrom: quarterStart,
      periodTo: quarterEnd,
      checklistId: fire.id,
      filter: {},
      count: 6,
      perTarget: 2,
      inspectorPool: [safety.id, townLc.id, liaisonZj.id, townBx.id, streetCg.id],
      seed: DEMO_DRAW_SEED,
    },
    user: safety,
    actor: actorOf(safety, null),
    now: recordedAt,
  });
  // safety01's targets first: a township's inspector registers hazards only where its own ledger reaches
  const withSafety = (t: { inspector_ids: number[] }) => t.inspector_ids.map(Number).includes(safety.id);
  const randomTargets = (await targetsOf(random.id)).sort((a, b) => Number(withSafety(b)) - Number(withSafety(a)));
  const span = Math.max(0, (Date.parse(today) - Date.parse(drawnOn)) / 86_400_000);
  for (const [i, target] of randomTargets.slice(0, 3).entries()) {
    const on = addDaysIso(drawnOn, Math.min(span, 6 + i * 9));
    const fails: Fail[] =
      i === 0 && withSafety(target) ? [[0, '二楼通往楼顶的安全出口加锁封闭，钥匙由门卫保管，夜间无法开启', '消防安全', '二楼楼梯间', 3]] : [];
    await record(target, fire, notAfterNow(at(on, '14:10')), fails, { partyName: '现场负责人', remarks: '按双随机抽查计划实施检查。' });
  }

  // 3. 四不两直 next week: kept from 永兴五金建材店 (qy_demo01) and 龙蚕镇 until it is done
  const nextMonday = addDaysIso(today, 8 - (new Date(`${today}T00:00:00Z`).getUTCDay() || 7));
  recordedAt = now;
  await createPlan(db, {
    input: {
      kind: 'unannounced',
      title: '龙蚕镇九小场所“四不两直”暗查',
      periodFrom: nextMonday,
      periodTo: addDaysIso(nextMonday, 4),
      checklistId: fire.id,
      enterpriseIds: [ent('龙蚕镇永兴五金建材店'), ent('龙蚕镇丝绸织造厂（三合一）')],
      inspectorIds: [safety.id, liaisonZj.id],
    },
    user: safety,
    actor: actorOf(safety, null),
  });

  // 4. today's work for safety01 (the field page): 燃气 专项整治 at three places
  await createPlan(db, {
    input: {
      kind: 'special',
      title: '餐饮场所燃气安全专项整治（今日现场检查）',
      periodFrom: today,
      periodTo: today,
      checklistId: gas.id,
      enterpriseIds: [ent('城关街道老味道火锅店'), ent('青云街道金汤餐馆'), ent('青岚县港华燃气有限公司')],
      inspectorIds: [safety.id, streetCg.id],
    },
    user: safety,
    actor: actorOf(safety, null),
  });

  await opts.db
    .insertInto('settings')
    .values({ key: DEMO_INSPECTIONS_KEY, value: JSON.stringify({ version: 1, plans: 4, drawSeed: DEMO_DRAW_SEED }) })
    .execute();
  return { seeded: true };
}
