import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrateToLatest, schemaVersion } from '../core/db/migrate.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from '../seed/initial.ts';
import { startJobs } from '../core/jobs/runner.ts';
import { allJobs } from '../jobs.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { MODULES } from '../modules/registry.ts';
import { systemClock } from '../core/clock/clock.ts';
import { ensureWebBuilt } from '../core/http/ensure-web-built.ts';
import { checkPersonalDataKey, loadPersonalDataKeys } from '../core/personal-data/index.ts';
import { loadAuditKeys } from '../core/audit/audit-key.ts';

/** `npm start`: migrate, seed on first start, start jobs, serve API + console. */
export async function run(): Promise<number> {
  const t0 = performance.now();
  const config = loadConfig();
  ensureWebBuilt();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    auditKeys: loadAuditKeys({ secret: config.secretKey, dataDir: config.dataDir }),
  });
  await migrateToLatest(database.db);
  // one key set for the seed (demo petitions are encrypted with it) and the app; refused before anything is
  // served or written when the database's personal data was encrypted with another key
  const keys = loadPersonalDataKeys({ secret: config.secretKey, dataDir: config.dataDir });
  try {
    await checkPersonalDataKey(database.db, keys, { fromEnv: Boolean(config.secretKey), dataDir: config.dataDir });
  } catch (error) {
    await database.close();
    throw error;
  }
  // a start that fails half-way (a seed refused, the port taken) closes what it opened and exits with the error:
  // an open database or job runner would keep the process alive, serving nothing, until someone noticed
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let initial: Awaited<ReturnType<typeof ensureInitialData>>;
  try {
    await ensureLegalClock(database.db);
    initial = await ensureInitialData({ database, config, keys });
    jobs = await startJobs({ database, config, clock: systemClock, definitions: allJobs(createCatalog(MODULES)) });
    app = await buildApp({ database, config, keys, serveWeb: true });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  const running = { app, jobs };
  const address = running.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const lines = [
    '',
    `安稳 Anwen 已启动：${url}  （${database.kind === 'pglite' ? `嵌入式 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL 服务器'}，结构版本 ${await schemaVersion(database.db)}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒）`,
  ];
  if (initial.adminPassword) {
    lines.push(`管理员账号：admin  密码：${initial.adminPassword}（随机生成，仅显示这一次，请登录后修改）`);
  } else {
    lines.push(`管理员账号：admin（密码为首次启动时设置的 ANWEN_ADMIN_PASSWORD 或当时打印的随机密码；非演示环境首次登录须修改密码）`);
  }
  if (initial.demoLogins.length) {
    lines.push('演示账号（密码均为 ' + initial.demoPassword + (initial.demoPasswordChangeRequired ? '；非演示环境，首次登录须修改密码' : '') + '）：');
    for (const d of initial.demoLogins) lines.push(`  ${d.username.padEnd(14)} ${d.description}`);
  }
  console.log(lines.join('\n'));
  if (process.send) process.send({ type: 'ready', url }); // for benchmarks and tests that spawn us

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止…`);
    await running.app.close();
    await running.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return await new Promise<number>(() => {}); // runs until a signal
}
