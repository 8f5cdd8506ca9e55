import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** STUB (replaced by the legal-clock work): load calendar years and default rules if missing. */
export async function ensureLegalClock(_db: Kysely<DB>): Promise<void> {}
