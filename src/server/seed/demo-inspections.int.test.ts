import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../core/db/database.ts';
import { loadConfig } from '../core/config.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';
import { fixedClock } from '../core/clock/clock.ts';
import { deriveKeys } from '../core/personal-data/index.ts';
import { buildApp, type App } from '../app.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from './initial.ts';
import { DEMO_DRAW_SEED } from './demo-inspections.ts';

type Plan = { id: number; kind: string; title: string; periodFrom: string; periodTo: string; targets: number; inspected: number; withHazards: number };

/** The demo county's 监督检查: the four plans a clerk and an inspector expect to find, each on its own days; 四不两直 stays secret. */
describe('demo inspections', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-demo-insp-'));
  const clock = fixedClock('2026-12-07T02:00:00Z'); // a Monday; today 2026-12-07 in Shanghai
  let database: Database;
  let app: App;
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Anwen@2026' } });
    expect(res.statusCode, username).toBe(200);
    return {
      cookie: `anwen_session=${res.cookies.find((c) => c.name === 'anwen_session')!.value}`,
      'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
    };
  };
  const get = async (headers: Record<string, string>, url: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { items: Plan[] } };
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = { ...loadConfig({}), dataDir };
    const keys = deriveKeys(randomBytes(32));
    await ensureLegalClock(database.db);
    await ensureInitialData({ database, config, demo: true, clock, keys });
    await ensureInitialData({ database, config, demo: true, clock, keys }); // idempotent
    app = await buildApp({ database, config, clock, keys, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds a finished 大检查 with hazards, a reproducible 双随机 draw, a secret 四不两直 and today’s work for safety01 — once', async () => {
    const safety = await login('safety01');
    const plans = (await get(safety, '/safety/inspections?pageSize=50')).body.items;
    expect(plans.map((p) => p.kind).sort()).toEqual(['general', 'random', 'special', 'unannounced']);
    const general = plans.find((p) => p.kind === 'general')!;
    expect(general).toMatchObject({ periodFrom: '2026-11-01', periodTo: '2026-11-30', targets: 4, inspected: 4, withHazards: 2 });
    // its records registered their failed items in the hazard ledger, found on the inspection day
    const detail = (await get(safety, `/safety/inspections/${general.id}`)).body as unknown as {
      items: { recordId: number; inspectedAt: string; hazards: { id: number }[] }[];
    };
    const hazardIds = detail.items.flatMap((i) => i.hazards.map((h) => h.id));
    expect(hazardIds).toHaveLength(3);
    const hazard = (await get(safety, `/safety/hazards/${hazardIds[0]}`)).body as { source?: string; foundOn?: string };
    expect(hazard.foundOn! >= '2026-11-01' && hazard.foundOn! <= '2026-11-30').toBe(true);
    // the record's audit event is recorded on the inspection's own day, not as entered today
    const events = await database.db
      .selectFrom('audit_events')
      .select(['at', 'after'])
      .where('action', '=', 'hazard.inspection.record')
      .where(
        'entity_id',
        'in',
        detail.items.map((i) => String(i.recordId)),
      )
      .execute();
    expect(events).toHaveLength(4);
    for (const e of events) {
      const day = new Date(e.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(day).toBe((e.after as { occurredOn: string }).occurredOn);
    }

    const random = plans.find((p) => p.kind === 'random')!;
    expect(random).toMatchObject({ periodFrom: '2026-10-01', periodTo: '2026-12-31', targets: 6, inspected: 3 });
    const drawn = (await get(safety, `/safety/inspections/${random.id}`)).body as unknown as { draw: { seed: string; replayMatches: boolean; pool: number } };
    expect(drawn.draw).toMatchObject({ seed: DEMO_DRAW_SEED, replayMatches: true, pool: 5 });

    const today = plans.find((p) => p.kind === 'special')!;
    expect(today).toMatchObject({ periodFrom: '2026-12-07', periodTo: '2026-12-07', targets: 3, inspected: 0 });
    const todayTargets = (await get(safety, `/safety/inspections/${today.id}`)).body as unknown as { items: { inspectors: string[] }[] };
    expect(todayTargets.items.every((t) => t.inspectors.includes('杨建军'))).toBe(true);

    const secret = plans.find((p) => p.kind === 'unannounced')!;
    expect(secret).toMatchObject({ periodFrom: '2026-12-14', targets: 2, inspected: 0 });
    // hidden from the inspected enterprise and its township: not listed, not readable
    for (const username of ['qy_demo01', 'town_lc01']) {
      const h = await login(username);
      const theirs = (await get(h, '/safety/inspections?pageSize=50')).body.items.map((p) => p.id);
      expect(theirs, username).not.toContain(secret.id);
      expect((await get(h, `/safety/inspections/${secret.id}`)).status, username).toBe(404);
    }
    // the enterprise still sees the finished 大检查 of its own shop
    const ent = await login('qy_demo01');
    expect((await get(ent, '/safety/inspections?pageSize=50')).body.items.map((p) => p.id)).toContain(general.id);

    expect(await database.db.selectFrom('safety_inspection_plans').select('id').execute()).toHaveLength(4);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
