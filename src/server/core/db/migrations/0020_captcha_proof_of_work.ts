import { sql, type Kysely } from 'kysely';

/**
 * The portal captcha becomes a picture (PNG, no vector paths) plus a proof of work: each challenge keeps how many
 * leading zero bits its SHA-256 must have, and whether it is the accessible kind (no picture, more work, its own
 * stricter limit per address). Challenges live ten minutes: the ones issued before this version simply expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE portal_captchas ADD COLUMN pow_bits integer NOT NULL DEFAULT 0;
    ALTER TABLE portal_captchas ADD COLUMN accessible boolean NOT NULL DEFAULT false;
  `.execute(db);
}
