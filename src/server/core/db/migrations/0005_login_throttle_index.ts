import { sql, type Kysely } from 'kysely';

/**
 * Per-IP login throttling counts recent failed sign-ins from the audit trail (so every app
 * instance sees the same count); this partial index keeps that count cheap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX audit_login_failures_idx ON audit_events (ip, at)
      WHERE action IN ('auth.login.failed', 'auth.lockout')
  `.execute(db);
}
