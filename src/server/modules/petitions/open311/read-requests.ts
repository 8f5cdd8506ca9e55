import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { stateName } from '../machine.ts';

/** Case states that answer `closed` to Open311: the matter left the county's hands or was concluded. */
export const CLOSED_STATES = ['closed', 'withdrawn', 'terminated', 'transferred'] as const;

/** One request as GeoReport v2 publishes it: no names, phones, ID numbers or query codes, ever. */
export interface Open311ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description?: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface RequestFilter {
  /** service_request_ids (public ids, never case numbers); overrides every other filter (spec) */
  ids?: string[];
  serviceCodes?: number[];
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
  /** the partner app asking (its own 检举控告 reports are the only ones it may see) */
  partnerId: number | null;
  limit: number;
}

/** W3C datetime in Beijing time (+08:00), as the county reads its dates. */
export function w3c(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/**
 * Requests for Open311 readers. Public by the spec, so the minimum: every petition by its public id (random: a case
 * number's sequence would show, by its gaps, where the cases not listed are),
 * category, state name, responsible unit and dates; the description only for requests created through
 * Open311 (a staff-registered petition's text may name people) and never for a 检举控告. A 检举控告 is
 * listed only to the partner app that submitted it: its mere existence must not reach the accused.
 */
export async function findRequests(db: Kysely<DB>, f: RequestFilter): Promise<Open311ServiceRequest[]> {
  let q = db
    .selectFrom('petitions as p')
    .innerJoin('work_items as wi', 'wi.id', 'p.id')
    .innerJoin('petition_categories as c', 'c.id', 'p.category_id')
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .leftJoin('open311_requests as o', 'o.work_item_id', 'p.id')
    .select([
      'p.id',
      'p.public_id',
      'p.category_id',
      'p.matter_type',
      'p.content',
      'p.received_at',
      'wi.state',
      'wi.updated_at',
      'c.name as category_name',
      'ou.name as owner_name',
      'o.work_item_id as o_id',
      'o.api_key_id',
      'o.address_string',
      'o.address_id',
      'o.lat',
      'o.long',
      'o.media_url',
    ])
    .where((eb) => eb.or([eb('p.matter_type', '!=', 'accusation'), ...(f.partnerId !== null ? [eb('o.api_key_id', '=', f.partnerId)] : [])]));
  if (f.ids) {
    q = q.where('p.public_id', 'in', f.ids.length ? f.ids : ['']);
  } else {
    if (f.serviceCodes?.length) q = q.where('p.category_id', 'in', f.serviceCodes);
    if (f.start) q = q.where('p.received_at', '>=', f.start);
    if (f.end) q = q.where('p.received_at', '<=', f.end);
    if (f.status && f.status.length === 1)
      q = f.status[0] === 'closed' ? q.where('wi.state', 'in', [...CLOSED_STATES]) : q.where('wi.state', 'not in', [...CLOSED_STATES]);
  }
  const rows = await q.orderBy('p.received_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => Number(r.id));

  const [leads, dues] = await Promise.all([
    db
      .selectFrom('case_parties as cp')
      .innerJoin('units as u', 'u.id', 'cp.unit_id')
      .select(['cp.work_item_id', 'u.name'])
      .where('cp.work_item_id', 'in', ids)
      .where('cp.role', '=', 'lead')
      .where('cp.active', '=', true)
      .execute(),
    db
      .selectFrom('deadlines')
      .select(['work_item_id', sql<string>`min(due_date)::text`.as('due')])
      .where('work_item_id', 'in', ids)
      .where('status', '=', 'running')
      .where('due_date', 'is not', null)
      .groupBy('work_item_id')
      .execute(),
  ]);
  const leadOf = new Map(leads.map((l) => [Number(l.work_item_id), l.name]));
  const dueOf = new Map(dues.map((d) => [Number(d.work_item_id), d.due]));

  return rows.map((r) => {
    const closed = (CLOSED_STATES as readonly string[]).includes(r.state);
    const fromOpen311 = r.o_id !== null;
    const due = dueOf.get(Number(r.id));
    return {
      service_request_id: r.public_id,
      status: closed ? 'closed' : 'open',
      status_notes: stateName(r.state),
      service_name: r.category_name,
      service_code: String(r.category_id),
      ...(fromOpen311 && r.matter_type !== 'accusation' ? { description: r.content } : {}),
      agency_responsible: leadOf.get(Number(r.id)) ?? r.owner_name,
      service_notice: closed ? '' : '按《信访工作条例》规定的期限办理',
      requested_datetime: w3c(new Date(r.received_at)),
      updated_datetime: w3c(new Date(r.updated_at)),
      expected_datetime: !closed && due ? `${due}T23:59:59+08:00` : null,
      address: r.address_string,
      address_id: r.address_id,
      lat: r.lat === null ? null : Number(r.lat),
      long: r.long === null ? null : Number(r.long),
      media_url: r.media_url,
    };
  });
}
