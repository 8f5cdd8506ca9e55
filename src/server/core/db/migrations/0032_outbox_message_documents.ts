import { sql, type Kysely } from 'kysely';

/**
 * A message that tells a person about a written notice names the very document: `document_id` references the
 * generated document, so a message can never point to a document that does not exist (the document is written
 * first, in the same transaction as the decision and the message). Messages that name no document keep it null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox_messages ADD COLUMN document_id bigint REFERENCES item_documents(id);
    CREATE INDEX outbox_messages_document_idx ON outbox_messages(document_id) WHERE document_id IS NOT NULL;
  `.execute(db);
}
