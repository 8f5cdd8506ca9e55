import { sql, type Kysely } from 'kysely';

/**
 * Attachments and documents belong to a work item, not to a 信访 case: every module (信访, 隐患,
 * 矛盾纠纷 …) keeps its files in the same two tables. The petition tables are renamed in place —
 * rows, ids and identity sequences are kept (a petition's id is its work item's id) — and their
 * foreign key now points at work_items. Constraint, index and sequence names follow the new table
 * names, so a later migration can address them by the names PostgreSQL would have given them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE petition_attachments RENAME TO item_attachments;
    ALTER TABLE item_attachments RENAME COLUMN petition_id TO work_item_id;
    ALTER TABLE item_attachments DROP CONSTRAINT petition_attachments_petition_id_fkey;
    ALTER TABLE item_attachments ADD CONSTRAINT item_attachments_work_item_id_fkey FOREIGN KEY (work_item_id) REFERENCES work_items(id);
    ALTER TABLE item_attachments RENAME CONSTRAINT petition_attachments_pkey TO item_attachments_pkey;
    ALTER TABLE item_attachments RENAME CONSTRAINT petition_attachments_upload_id_key TO item_attachments_upload_id_key;
    ALTER TABLE item_attachments RENAME CONSTRAINT petition_attachments_upload_id_fkey TO item_attachments_upload_id_fkey;
    ALTER INDEX petition_attachments_petition_idx RENAME TO item_attachments_work_item_idx;
    ALTER SEQUENCE petition_attachments_id_seq RENAME TO item_attachments_id_seq;

    ALTER TABLE petition_documents RENAME TO item_documents;
    ALTER TABLE item_documents RENAME COLUMN petition_id TO work_item_id;
    ALTER TABLE item_documents DROP CONSTRAINT petition_documents_petition_id_fkey;
    ALTER TABLE item_documents ADD CONSTRAINT item_documents_work_item_id_fkey FOREIGN KEY (work_item_id) REFERENCES work_items(id);
    ALTER TABLE item_documents RENAME CONSTRAINT petition_documents_pkey TO item_documents_pkey;
    ALTER TABLE item_documents RENAME CONSTRAINT petition_documents_created_by_fkey TO item_documents_created_by_fkey;
    ALTER INDEX petition_documents_petition_idx RENAME TO item_documents_work_item_idx;
    ALTER SEQUENCE petition_documents_id_seq RENAME TO item_documents_id_seq;
  `.execute(db);
}
