import { sql, type Kysely } from 'kysely';

/**
 * Open311's public id of a petition: random (32 hex digits), never the case number. Case numbers are sequential
 * (<county>-<year>-<seq>) and the public request list leaves out 检举控告 and other cases it must not show: a gap
 * between two listed numbers told a reader that a hidden case stood there. Existing petitions get theirs here (the
 * default is drawn per row); new ones when they are inserted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE petitions ADD COLUMN public_id text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '');
    ALTER TABLE petitions ADD CONSTRAINT petitions_public_id_key UNIQUE (public_id);
  `.execute(db);
}
