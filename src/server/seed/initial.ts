import type { AppConfig } from '../core/config.ts';
import type { Database } from '../core/db/database.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { assertPasswordStrength, generatePassword, hashPassword, verifyPassword } from '../core/auth/password.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { DEMO_COUNTY, DEMO_PASSWORD } from './demo-county-data.ts';
import { demoLogins, demoSeeded, seedDemoCounty } from './demo-county.ts';
import { seedDemoWorkItems } from './demo-work-items.ts';
import { seedDemoRisk } from './demo-risk.ts';
import { seedDemoSupervision } from './demo-supervision.ts';
import { systemClock, type Clock } from '../core/clock/clock.ts';
import { loadPersonalDataKeys, type PersonalDataKeys } from '../core/personal-data/index.ts';
import { seedDemoPetitions } from './demo-petitions.ts';
import { seedDemoLeaderWork } from './demo-leader-work.ts';
import { DEMO_ENTERPRISE_LOGIN, seedDemoSafety } from './demo-safety.ts';
import { seedDemoAccidentsAndDuty } from './demo-accidents-duty.ts';
import { seedDemoInspections } from './demo-inspections.ts';
import { seedDemoDisputes } from './demo-disputes.ts';
import { seedDemoSupervisionCampaigns } from './demo-supervision-campaigns.ts';
import { seedDemoPeriodicReports } from './demo-periodic-reports.ts';
import { seedDemoSupervisionMeetings } from './demo-supervision-meetings.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import { seedDemoSupervisionActions } from './demo-supervision-actions.ts';

export interface InitialDataResult {
  /** shown once at first start */
  adminPassword?: string;
  adminPasswordGenerated: boolean;
  demoPassword?: string;
  demoLogins: { username: string; description: string }[];
  /** outside the demo: the demo accounts must change the published password at first sign-in */
  demoPasswordChangeRequired?: boolean;
}

/**
 * Is this installation the demo? ANWEN_DEMO=1 or 0 says so; unset, it is the demo except under NODE_ENV=production
 * (what docs/deploy.md sets). Outside the demo no demo data is seeded at start, and every account whose password was
 * not chosen by its user — the demo accounts with their published password, admin with ANWEN_ADMIN_PASSWORD — must
 * change it at first sign-in.
 */
export const demoEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.ANWEN_DEMO === '1' || (env.ANWEN_DEMO !== '0' && env.NODE_ENV !== 'production');

/**
 * Outside the demo, the demo accounts (seeded on request by `anwen seed`, or left from a demo the county started
 * with) still holding the published demo password must replace it at their next sign-in. Cheap at every start: the
 * accounts share one seeded hash, so one argon2 verification per distinct hash. Audited as one event.
 */
export async function requireDemoPasswordChange(db: Kysely<DB>): Promise<string[]> {
  const usernames = [...demoLogins(), DEMO_ENTERPRISE_LOGIN].map((d) => d.username);
  const rows = await db
    .selectFrom('users')
    .select(['username', 'password_hash'])
    .where('username', 'in', usernames)
    .where('must_change_password', '=', false)
    .execute();
  const published = new Set<string>();
  for (const hash of new Set(rows.map((r) => r.password_hash))) if (await verifyPassword(hash, DEMO_PASSWORD)) published.add(hash);
  const affected = rows.filter((r) => published.has(r.password_hash)).map((r) => r.username);
  if (affected.length === 0) return [];
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ must_change_password: true }).where('username', 'in', affected).execute();
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'user.requirePasswordChange',
      entityType: 'users',
      after: { usernames: affected, reason: '非演示环境：演示账号仍使用公开的演示密码' },
    });
  });
  return affected;
}

/**
 * Runs at every start and is idempotent. On an empty database: the county root unit and the
 * `admin` account (password from ANWEN_ADMIN_PASSWORD, else a random one returned once). Then,
 * unless disabled, the demo county, a few demo work items and the demo 信访 cases (registered
 * through the petitions module, so they need the personal-data keys: `keys`, else loaded from the config as buildApp does). The demo logins are reported whenever the demo county exists.
 */
export async function ensureInitialData(opts: {
  database: Database;
  config: AppConfig;
  demo?: boolean;
  /** outside the demo (default: !demoEnabled()): seeded passwords must be changed at first sign-in */
  outsideDemo?: boolean;
  clock?: Clock;
  keys?: PersonalDataKeys;
}): Promise<InitialDataResult> {
  const db = opts.database.db;
  const demo = opts.demo ?? demoEnabled();
  const outsideDemo = opts.outsideDemo ?? !demoEnabled();
  const result: InitialDataResult = { adminPasswordGenerated: false, demoLogins: [] };

  // validate before touching anything, so a weak password stops the first start cleanly
  if (opts.config.adminPassword) assertPasswordStrength(opts.config.adminPassword);

  let root = await db.selectFrom('units').select(['id']).where('parent_id', 'is', null).where('kind', '=', 'county').orderBy('id').executeTakeFirst();
  const hasAdmin = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('username', '=', 'admin'), eb(eb.val('sys_admin'), '=', eb.fn.any('roles'))]))
    .executeTakeFirst();

  if (!root || !hasAdmin) {
    const generated = opts.config.adminPassword ? undefined : generatePassword();
    const passwordHash = hasAdmin ? '' : await hashPassword(opts.config.adminPassword ?? generated!);
    const created = await db.transaction().execute(async (trx) => {
      // lock the audit head: two instances starting on one empty database create one root
      await trx.selectFrom('audit_head').select('id').where('id', '=', 1).forUpdate().execute();
      let rootId = (await trx.selectFrom('units').select('id').where('parent_id', 'is', null).where('kind', '=', 'county').orderBy('id').executeTakeFirst())
        ?.id;
      if (rootId === undefined) {
        const name = process.env.ANWEN_COUNTY_NAME || (demo ? DEMO_COUNTY.name : '本县');
        const code = process.env.ANWEN_COUNTY_CODE || DEMO_COUNTY.code;
        const { id } = await trx
          .insertInto('units')
          .values({ parent_id: null, code, name, kind: 'county', path: '' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('units')
          .set({ path: `/${id}/` })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, SYSTEM_ACTOR, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: id,
          after: { name, code, kind: 'county', path: `/${id}/` },
        });
        rootId = id;
      }
      let adminCreated = false;
      if (!hasAdmin && !(await trx.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst())) {
        const { id } = await trx
          .insertInto('users')
          .values({
            username: 'admin',
            display_name: '系统管理员',
            unit_id: rootId,
            roles: ['sys_admin'],
            password_hash: passwordHash,
            // a printed random password must be replaced; so must ANWEN_ADMIN_PASSWORD outside the demo (it sits in a file)
            must_change_password: generated !== undefined || outsideDemo,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, SYSTEM_ACTOR, {
          action: 'user.create',
          entityType: 'user',
          entityId: id,
          after: { username: 'admin', roles: ['sys_admin'], unitId: rootId },
        });
        adminCreated = true;
      }
      return { rootId: Number(rootId), adminCreated };
    });
    root = { id: created.rootId };
    if (created.adminCreated && generated) {
      result.adminPassword = generated;
      result.adminPasswordGenerated = true;
    }
  }

  if (demo) {
    await seedDemoCounty({ db, rootId: Number(root.id), actor: SYSTEM_ACTOR });
    // a few open items with running clocks, so 我的待办 shows something (needs the legal clock)
    const now = (opts.clock ?? systemClock).now();
    await seedDemoWorkItems({ db, now, actor: SYSTEM_ACTOR });
    const keys = () => opts.keys ?? loadPersonalDataKeys({ secret: opts.config.secretKey, dataDir: opts.config.dataDir });
    await seedDemoPetitions({ db, keys, now });
    // the county leaders' 接访日, reception records and 报请批示 on their 包案 cases (after the cases exist)
    await seedDemoLeaderWork({ db, now });
    // 安全生产: the register and its hazards, then accidents, duty rosters, plans and training
    await seedDemoSafety({ db, keys: keys(), now });
    await seedDemoAccidentsAndDuty({ db, now });
    // 监督检查: plans, a 双随机 draw and records (their hazards join the ledger), today's work for safety01
    await seedDemoInspections({ db, now, dataDir: opts.config.dataDir });
    // 矛盾纠纷: disputes in every stage of mediation and a 集中排查 with its 零报告
    await seedDemoDisputes({ db, keys: keys(), now });
    // 稳评: the year's assessments, each taken through its steps on its own days
    await seedDemoRisk({ db, now, dataDir: opts.config.dataDir });
    // 督查督办: a 督办通知 to four units, its 督办事项 in different stages (销号, 待核查, 逾期, 未签收)
    await seedDemoSupervision({ db, now });
    // 督查: a finished campaign with its 通报, tasks and an objection decided; an 暗访 running today
    await seedDemoSupervisionCampaigns({ db, now });
    // 定期报告: the 安全生产日报告 of a special period around today (on time, 零报告, one late, one missing yesterday)
    await seedDemoPeriodicReports({ db, now });
    // 会议: a 信访工作联席会议 last month on two petitions (纪要 issued, one task 销号, one running), a 会商研判会 on a dispute
    await seedDemoSupervisionMeetings({ db, now });
    // 考核与问责: the indicator set, last month published with its 通报 (read by some), two 问责, this month computed
    await seedDemoAssessment({ db, now });
    // 专项行动: a running 信访积案化解年 with its 问题清单 (销号, 待核查, one overdue, 积案 linked) and weekly 调度, one week missed
    await seedDemoSupervisionActions({ db, now });
  }
  if (await demoSeeded(db)) {
    result.demoPassword = DEMO_PASSWORD;
    result.demoLogins = [
      ...demoLogins(),
      ...((await db.selectFrom('users').select('id').where('username', '=', DEMO_ENTERPRISE_LOGIN.username).executeTakeFirst()) ? [DEMO_ENTERPRISE_LOGIN] : []),
    ];
    if (outsideDemo) {
      await requireDemoPasswordChange(db);
      result.demoPasswordChangeRequired = true;
    }
  }
  return result;
}
