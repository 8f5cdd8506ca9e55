import { buildApp, type App } from '../../src/server/app.ts';
import { loadConfig, type AppConfig } from '../../src/server/core/config.ts';
import type { Clock } from '../../src/server/core/clock/clock.ts';
import type { Database } from '../../src/server/core/db/database.ts';
import { openTestDatabase } from './test-db.ts';
import type { ModuleDescriptor } from '../../src/server/kernel/catalog/index.ts';
import { randomBytes } from 'node:crypto';

export interface TestApp {
  app: App;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

/** A full HTTP app on a fresh database, driven with app.inject() (no port). */
export async function createTestApp(
  options: {
    clock?: Clock;
    config?: Partial<AppConfig>;
    modules?: readonly ModuleDescriptor[];
    /** pino options (e.g. a stream to read the log); default silent */ logger?: object;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  // a throw-away personal-data key per test app (never a key file in the repository)
  const config = { ...loadConfig({}), secretKey: randomBytes(32).toString('hex'), ...options.config };
  const app = await buildApp({ database, config, clock: options.clock, modules: options.modules, logger: options.logger ?? false });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
