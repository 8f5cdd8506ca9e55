import { sql, type Kysely } from 'kysely';

/**
 * An accident's enterprise is an entry of the register (登记造册): the two were built side by side, so the
 * reference gets its foreign key once both tables exist. Ids that name no enterprise are cleared first (the
 * accident keeps the unit's name and address as typed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE safety_accidents a SET enterprise_id = NULL
     WHERE enterprise_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM safety_enterprises e WHERE e.id = a.enterprise_id);
    ALTER TABLE safety_accidents
      ADD CONSTRAINT safety_accidents_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES safety_enterprises(id);
    CREATE INDEX safety_accidents_enterprise_idx ON safety_accidents (enterprise_id) WHERE enterprise_id IS NOT NULL;
  `.execute(db);
}
