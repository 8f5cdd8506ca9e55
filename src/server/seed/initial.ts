import type { AppConfig } from '../core/config.ts';
import type { Database } from '../core/db/database.ts';

export interface InitialDataResult {
  /** shown once at first start */
  adminPassword?: string;
  adminPasswordGenerated: boolean;
  demoPassword?: string;
  demoLogins: { username: string; description: string }[];
}

/** STUB (replaced by the org & access work): admin account and demo county on first start. */
export async function ensureInitialData(_opts: { database: Database; config: AppConfig }): Promise<InitialDataResult> {
  return { adminPasswordGenerated: false, demoLogins: [] };
}
