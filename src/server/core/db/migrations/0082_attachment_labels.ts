import { sql, type Kysely } from 'kysely';

/**
 * An attachment says what it shows (issue 14: a hazard's photos 整改前 / 整改后, a scene photo 检查发现): a short label
 * chosen when it is added, stored beside the file instead of being a prefix of its name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE item_attachments ADD COLUMN label text CHECK (label IS NULL OR char_length(label) BETWEEN 1 AND 20);
  `.execute(db);
}
