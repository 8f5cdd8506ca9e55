import { sql, type Kysely } from 'kysely';

/**
 * Sign-in failures per (name as typed, address): the delay before that pair may try again grows with its failures,
 * so guessing is slowed where it happens while the same account signs in normally from elsewhere. Keyed by the name
 * typed, whether an account has it or not (unknown and real names behave alike). last_success_at marks an address
 * the account signed in from, which the per-address limit spares. login_alerts: when an account's failures last
 * alerted the administrators (one alert an hour).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_attempts (
      username         text NOT NULL,
      ip               text NOT NULL,
      failures         integer NOT NULL DEFAULT 0,
      last_failure_at  timestamptz,
      next_attempt_at  timestamptz,
      last_success_at  timestamptz,
      PRIMARY KEY (username, ip)
    );
    CREATE INDEX login_attempts_ip_idx ON login_attempts(ip, last_failure_at);
    CREATE INDEX login_attempts_recent_idx ON login_attempts(last_failure_at);
    CREATE TABLE login_alerts (
      username    text PRIMARY KEY,
      alerted_at  timestamptz NOT NULL
    );
  `.execute(db);
}
