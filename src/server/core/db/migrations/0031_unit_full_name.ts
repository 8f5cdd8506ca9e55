import { sql, type Kysely } from 'kysely';

/**
 * 机关全称: the organ's full name a document is signed with (青岚县龙蚕镇人民政府, not 龙蚕镇), kept on the unit and
 * edited by an administrator. Units that already have a 机关标志 start with it as their full name.
 *
 * The default rule for written feedback on improvement recommendations cited the repealed 2005 《信访条例》; it now
 * cites the 《信访工作条例》 in force, marked for checking, unless an administrator has already changed it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE units ADD COLUMN full_name text;
    UPDATE units u SET full_name = i.mark FROM document_issuers i WHERE i.unit_id = u.id AND i.mark IS NOT NULL AND i.mark <> '';
    UPDATE legal_rules
       SET source = '《信访工作条例》第三十八条',
           confidence = 'U',
           note = '现行《信访工作条例》（2022）取代了2005年《信访条例》（原第三十六条规定30日内书面反馈）；请按现行条例原文和本省规定核对期限'
     WHERE key = 'xf.reform.feedback' AND source = '《信访条例》（2005）第三十六条';
  `.execute(db);
}
