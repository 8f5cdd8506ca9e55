/**
 * Benchmarks only: inserts N petitions straight into work_items / petitions / petitioners /
 * deadlines / case_parties (petition_facts follows by its triggers, as for any writer), generated server-side (generate_series) in batches, so 100k takes
 * seconds rather than the minutes POST /petitions would. Distributions (see BULK_SHAPE) are
 * plausible, not statistics of a real county.
 *
 * Personal data: encryption and masks come from the module's own functions, precomputed for a
 * pool of people and reused; blind indexes are real for a pool of REPEAT_PEOPLE "repeat people"
 * (their ID numbers are returned, so a benchmark can ask repeat-candidates for one of them) and
 * synthetic, unique per petition, for everyone else (nobody will search them).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/core/db/schema.ts';
import { blindIndex, encryptValue, maskIdNumber, maskName, maskPhone, type PersonalDataKeys } from '../../src/server/core/personal-data/index.ts';

export const BULK_SHAPE = {
  /** share of petitions whose (first) petitioner is one of the repeat people */
  repeatShare: 0.1,
  repeatPeople: 1000,
  /** received_at spread uniformly over the last `spanDays` days */
  spanDays: 3 * 365,
  /** petitions received in the last openDays days may be in any state; older ones are finished … */
  openDays: 120,
  /** … but for this share, still open (and so mostly overdue) */
  stuckShare: 0.01,
  states: [
    ['registered', 0.04],
    ['assigned', 0.08],
    ['handling', 0.18],
    ['replied', 0.05],
    ['delivered', 0.1],
    ['transferred', 0.05],
    ['closed', 0.48],
    ['terminated', 0.02],
  ] as [string, number][],
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '国华', '红梅', '永福', '丽娟', '德明'];

/** A valid 18-digit ID number (region 510100, checksum computed). */
export function fakeIdNumber(seed: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (seed % 18000) * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `510100${birth}${String(seed % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export const fakePhone = (seed: number) => `13${String(100000000 + (seed % 899999999)).padStart(9, '0')}`;
export const fakeName = (seed: number) => SURNAMES[seed % SURNAMES.length]! + GIVEN[Math.floor(seed / SURNAMES.length) % GIVEN.length]!;

export interface BulkOptions {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  count: number;
  /** units petitions are placed in / owned by (townships, departments) */
  unitIds: number[];
  now: Date;
  batch?: number;
  onProgress?: (done: number) => void;
}

export interface BulkResult {
  count: number;
  seconds: number;
  /** ID numbers of the repeat people (each has ~count×repeatShare/repeatPeople petitions) */
  repeatIdNumbers: string[];
}

export async function insertBulkPetitions(opts: BulkOptions): Promise<BulkResult> {
  const { db, keys, count, now } = opts;
  const batch = opts.batch ?? 50_000;
  const t0 = performance.now();
  const people = Array.from({ length: BULK_SHAPE.repeatPeople }, (_, i) => {
    const seed = 7919 * (i + 1);
    const name = fakeName(seed);
    const id = fakeIdNumber(seed);
    const phone = fakePhone(seed);
    return {
      name,
      id,
      phone,
      nameEnc: encryptValue(keys, name),
      nameMasked: maskName(name),
      idEnc: encryptValue(keys, id),
      idMasked: maskIdNumber(id),
      idBidx: blindIndex(keys, 'id_number', id),
      phoneEnc: encryptValue(keys, phone),
      phoneMasked: maskPhone(phone),
      phoneBidx: blindIndex(keys, 'phone', phone),
    };
  });
  // the whole load on one connection, so its temp tables are visible throughout
  await db.connection().execute(async (conn) => {
    await sql`CREATE TEMP TABLE IF NOT EXISTS bench_people (k int PRIMARY KEY, name_enc text, name_masked text, id_enc text, id_masked text, id_bidx text, phone_enc text, phone_masked text, phone_bidx text)`.execute(
      conn,
    );
    await sql`TRUNCATE bench_people`.execute(conn);
    await sql`INSERT INTO bench_people SELECT * FROM unnest(${people.map((_, i) => i)}::int[], ${people.map((p) => p.nameEnc)}::text[], ${people.map((p) => p.nameMasked)}::text[], ${people.map((p) => p.idEnc)}::text[], ${people.map((p) => p.idMasked)}::text[], ${people.map((p) => p.idBidx)}::text[], ${people.map((p) => p.phoneEnc)}::text[], ${people.map((p) => p.phoneMasked)}::text[], ${people.map((p) => p.phoneBidx)}::text[])`.execute(
      conn,
    );
    await sql`CREATE TEMP TABLE IF NOT EXISTS bench_units (k int PRIMARY KEY, id bigint, path text)`.execute(conn);
    await sql`TRUNCATE bench_units`.execute(conn);
    await sql`INSERT INTO bench_units SELECT row_number() over (order by id) - 1, id, path FROM units WHERE id = ANY(${opts.unitIds}::bigint[])`.execute(conn);
    const cats = await sql<{ id: number }>`SELECT id FROM petition_categories WHERE parent_id IS NOT NULL ORDER BY id`.execute(conn);
    const catIds = cats.rows.map((r) => Number(r.id));
    const stateNames = BULK_SHAPE.states.map(([s]) => s);
    const stateCum: number[] = [];
    BULK_SHAPE.states.reduce((acc, [, p]) => (stateCum.push(acc + p), acc + p), 0);
    const nUnits = opts.unitIds.length;
    const span = BULK_SHAPE.spanDays;
    const nowIso = now.toISOString();
    const xfj = await sql<{ id: number; path: string }>`SELECT id, path FROM units WHERE id = ${opts.unitIds[0]!}`.execute(conn);
    const ownerId = Number(xfj.rows[0]!.id);
    const ownerPath = xfj.rows[0]!.path;

    // sequence numbers continue after earlier bulk loads (case numbers must stay unique)
    const prior = await sql<{ n: number }>`SELECT count(*)::int AS n FROM work_items WHERE ref_no LIKE 'XF-B-%'`.execute(conn);
    const base = Number(prior.rows[0]!.n);
    for (let done = 0; done < count; done += batch) {
      const n = Math.min(batch, count - done);
      await sql`BEGIN`.execute(conn);
      // g: the generated rows with every random draw made once
      await sql`CREATE TEMP TABLE bench_g ON COMMIT DROP AS
        SELECT nextval(pg_get_serial_sequence('work_items', 'id')) AS id, s AS seq,
               random() AS r_state, random() AS r_person, floor(random() * ${nUnits})::int AS unit_k, floor(random() * ${nUnits})::int AS lead_k,
               (${nowIso}::timestamptz - (random() * ${span} * interval '1 day')) AS received_at,
               (${catIds}::bigint[])[1 + floor(random() * ${catIds.length})::int] AS category_id,
               (array['letter','visit','phone','online','online','online','leader_mailbox','upper'])[1 + floor(random() * 8)::int] AS channel,
               (array['suggestion','accusation','appeal','appeal'])[1 + floor(random() * 4)::int] AS matter_type,
               floor(random() * ${BULK_SHAPE.repeatPeople})::int AS person_k
          FROM generate_series(${base + done + 1}::int, ${base + done + n}::int) s`.execute(conn);
      await sql`ALTER TABLE bench_g ADD COLUMN state text`.execute(conn);
      // petitions older than openDays are finished (closed/terminated/transferred by the same odds) but for
      // a small stuck share; newer ones follow BULK_SHAPE.states — so "overdue" is a small, realistic set
      await sql`UPDATE bench_g SET state = CASE
          WHEN received_at > ${nowIso}::timestamptz - ${BULK_SHAPE.openDays}::int * interval '1 day' OR r_person > 1 - ${BULK_SHAPE.stuckShare}::float8
            THEN (${stateNames}::text[])[(SELECT count(*) + 1 FROM unnest(${stateCum}::float8[]) c WHERE c < r_state)::int]
          ELSE (array['closed','closed','closed','closed','closed','closed','closed','closed','terminated','transferred'])[1 + floor(r_state * 10)::int] END`.execute(
        conn,
      );
      await sql`INSERT INTO work_items (id, module, ref_no, title, state, open, owner_unit_id, owner_unit_path, created_at, updated_at)
        SELECT g.id, 'petition', 'XF-B-' || g.seq, '关于' || c.name || '问题的反映 #' || g.seq, g.state, g.state NOT IN ('closed', 'terminated', 'transferred'), ${ownerId}, ${ownerPath}, g.received_at, g.received_at
          FROM bench_g g JOIN petition_categories c ON c.id = g.category_id`.execute(conn);
      await sql`INSERT INTO petitions (id, case_no, stage, root_id, channel, matter_type, category_id, place_unit_id, title, content, urgency, received_at, visit, upper_ref, collective, first_time, is_repeat, law_related, decisions, query_code_hash, created_at)
        SELECT g.id, 'XF-B-' || g.seq, 'initial', g.id, g.channel, g.matter_type, g.category_id, u.id,
               '关于' || c.name || '问题的反映 #' || g.seq,
               '信访人反映' || c.name || '方面的问题：' || md5(g.seq::text) || '，多次向有关部门反映未果，请求依法处理。',
               CASE WHEN g.r_state < 0.03 THEN 'urgent' ELSE 'normal' END, g.received_at,
               CASE WHEN g.channel = 'visit' THEN jsonb_build_object('batches', 1, 'persons', 1 + (g.seq % 7)) END,
               CASE WHEN g.channel = 'upper' THEN jsonb_build_object('level', (array['national','province','city'])[1 + g.seq % 3], 'refNo', 'SJ-' || g.seq, 'dueDate', (g.received_at + interval '30 days')::date::text) END,
               g.channel = 'visit' AND g.seq % 7 >= 4, g.r_person >= ${BULK_SHAPE.repeatShare}, g.r_person < ${BULK_SHAPE.repeatShare}, g.seq % 10 = 0,
               CASE WHEN g.state IN ('replied', 'delivered', 'closed') THEN jsonb_build_object('reply', jsonb_build_object('date', (g.received_at + (10 + g.seq % 60) * interval '1 day')::date::text)) ELSE '{}'::jsonb END,
               md5('q' || g.seq), g.received_at
          FROM bench_g g JOIN petition_categories c ON c.id = g.category_id JOIN bench_units u ON u.k = g.unit_k`.execute(conn);
      // repeat people carry their real blind index; everyone else a unique synthetic one
      await sql`INSERT INTO petitioners (petition_id, name_enc, name_masked, id_number_enc, id_number_masked, id_number_bidx, phone_enc, phone_masked, phone_bidx, address)
        SELECT g.id, bp.name_enc, bp.name_masked, bp.id_enc, bp.id_masked,
               CASE WHEN g.r_person < ${BULK_SHAPE.repeatShare} THEN bp.id_bidx ELSE md5('id' || g.seq) END,
               bp.phone_enc, bp.phone_masked,
               CASE WHEN g.r_person < ${BULK_SHAPE.repeatShare} THEN bp.phone_bidx ELSE md5('ph' || g.seq) END,
               '某镇某村' || (g.seq % 50) || '组'
          FROM bench_g g JOIN bench_people bp ON bp.k = g.person_k`.execute(conn);
      // the 15-day routing clock (running while registered, stopped after), the 60-day handling clock once assigned
      await sql`INSERT INTO deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, due_at, explanation, computed_at, stopped_at)
        SELECT g.id, 'xf.dept.route', '受理/转送/交办', CASE WHEN g.state = 'registered' THEN 'running' ELSE 'stopped' END,
               g.received_at, (g.received_at AT TIME ZONE 'Asia/Shanghai')::date, (g.received_at AT TIME ZONE 'Asia/Shanghai')::date + 21, NULL, 'bench', g.received_at,
               CASE WHEN g.state = 'registered' THEN NULL ELSE g.received_at + (3 + g.seq % 20) * interval '1 day' END
          FROM bench_g g`.execute(conn);
      await sql`INSERT INTO deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, due_at, explanation, computed_at, stopped_at)
        SELECT g.id, 'xf.handle', '办理', CASE WHEN g.state IN ('assigned', 'handling') THEN 'running' ELSE 'stopped' END,
               g.received_at, (g.received_at AT TIME ZONE 'Asia/Shanghai')::date, (g.received_at AT TIME ZONE 'Asia/Shanghai')::date + 90, NULL, 'bench', g.received_at,
               CASE WHEN g.state IN ('assigned', 'handling') THEN NULL ELSE g.received_at + (30 + g.seq % 60) * interval '1 day' END
          FROM bench_g g WHERE g.state NOT IN ('registered', 'transferred')`.execute(conn);
      await sql`INSERT INTO case_parties (work_item_id, role, unit_id, unit_path, active, assigned_at)
        SELECT g.id, 'lead', u.id, u.path, true, g.received_at + interval '2 days'
          FROM bench_g g JOIN bench_units u ON u.k = g.lead_k WHERE g.state NOT IN ('registered', 'transferred')`.execute(conn);
      await sql`COMMIT`.execute(conn);
      opts.onProgress?.(done + n);
    }
    await sql`ANALYZE work_items, petitions, petitioners, deadlines, case_parties`.execute(conn);
    // petition_facts was filled by its triggers (migration 0010) as each statement above ran, several
    // upserts per petition: reclaim the dead versions and set the visibility map so index-only scans apply
    await sql`VACUUM (ANALYZE) petition_facts`.execute(conn);
  });
  return { count, seconds: Math.round((performance.now() - t0) / 100) / 10, repeatIdNumbers: people.map((p) => p.id) };
}
