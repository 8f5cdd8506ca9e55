import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see ARCHITECTURE.md):
 *  unit         src/**\/*.test.ts      pure rules: calendar, deadlines, policies, machines
 *  integration  src/**\/*.int.test.ts  through HTTP (inject) on PGlite, or on PostgreSQL when
 *                                      ANWEN_TEST_DATABASE_URL is set (scripts/test-all.mjs does both)
 *  e2e          test/e2e/**\/*.e2e.test.ts  Playwright journeys in Debian's Chromium
 */
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/integration/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
