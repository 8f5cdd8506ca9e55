import { sql, type Kysely } from 'kysely';

/**
 * 网上信访 / Open311 intake: a client's Idempotency-Key stored with the case it created (same transaction),
 * so a retried submission answers with that case instead of registering a second one. The query code is
 * kept encrypted (AES-GCM, like personal data) only so the retry can show it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intake_idempotency (
      scope          text NOT NULL,
      key            text NOT NULL,
      request_hash   text NOT NULL,
      work_item_id   bigint NOT NULL REFERENCES work_items(id),
      query_code_enc text NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX intake_idempotency_created_idx ON intake_idempotency(created_at);
  `.execute(db);
}
