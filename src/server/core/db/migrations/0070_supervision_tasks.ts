import { sql, type Kysely } from 'kysely';

/**
 * 督办事项 (督查督办, kind 'supervision'): one row per tracked task (id = work_items.id) assigned to a unit (the work
 * item's owner, so the unit sees its own tasks by the kernel's scope), optionally a leader, due on an instructed kernel
 * clock; the unit reports back (text + the item's attachments), the office verifies and 销号s — never the reporter nor
 * anyone of the unit that did it — or 退回s. Every task names its SOURCE (a 督办通知, a 督查 finding, a 专项行动 问题清单,
 * a meeting decision, a 考核 …) by kind + id + the label shown on its page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE supervision_tasks (
      id                  bigint PRIMARY KEY REFERENCES work_items(id),
      source_kind         text NOT NULL CHECK (source_kind ~ '^[a-z_]{1,30}$'),
      source_id           bigint NOT NULL,
      source_label        text NOT NULL,
      unit_id             bigint NOT NULL REFERENCES units(id),
      leader_id           bigint REFERENCES leaders(id),
      detail              text,
      due_date            date NOT NULL,
      deadline_id         bigint REFERENCES deadlines(id),
      office_unit_id      bigint NOT NULL REFERENCES units(id),
      assigned_on         date NOT NULL,
      assigned_by         bigint NOT NULL REFERENCES users(id),
      started_on          date,
      report_text         text,
      report_attachment_ids bigint[] NOT NULL DEFAULT '{}',
      reported_on         date,
      reported_by         bigint REFERENCES users(id),
      returned_count      integer NOT NULL DEFAULT 0,
      return_reason       text,
      verified_on         date,
      verified_by         bigint REFERENCES users(id),
      verify_note         text
    );
    CREATE INDEX supervision_tasks_source_idx ON supervision_tasks (source_kind, source_id);
    CREATE INDEX supervision_tasks_unit_idx ON supervision_tasks (unit_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS supervision_tasks`.execute(db);
}
