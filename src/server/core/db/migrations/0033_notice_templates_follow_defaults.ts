import { sql, type Kysely } from 'kysely';
import { DEFAULT_TEMPLATES } from './0007_document_templates.data.ts';

/**
 * The 信访 notices now print their time limits from legal_rules with the article they come from (受理告知书's
 * 办理期限, 处理意见书's 复查 period, the 交办单's periods) instead of numbers typed into the wording. A template an
 * administrator never edited still holds the wording migration 0007 copied: its row is removed, so the kind's
 * current default applies (a kind without a row reads its default). Edited templates are kept as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of DEFAULT_TEMPLATES) {
    await sql`DELETE FROM document_templates WHERE kind = ${t.kind} AND updated_by IS NULL AND title = ${t.title} AND body = ${t.body}`.execute(db);
  }
}
