import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { inScope, scopePrefix } from '../../core/access/scope.ts';
import { id, isCalendarDate, text } from '../../core/http/input.ts';
import { townshipOf } from './township.ts';
import { isDisputeHandler } from './machine.ts';

export const CAMPAIGN_KINDS = { concentrated: '集中排查', key: '重点排查', regular: '经常性排查' } as const;
/** The units that screen: townships and streets, villages and communities. */
const SCREENING_UNIT_KINDS = ['township', 'street', 'village', 'community'];
const TAGS = ['disputes'];
const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();

/** Campaigns organised by a unit in the user's scope, or screening a unit in it. */
function visibleCampaigns(db: Kysely<DB>, user: SessionUser) {
  const prefix = scopePrefix(user);
  let q = db.selectFrom('dispute_campaigns as c').innerJoin('units as o', 'o.id', 'c.organiser_unit_id');
  if (prefix !== null)
    q = q.where((eb) =>
      eb.or([
        eb('o.path', 'like', `${prefix}%`),
        sql<boolean>`${prefix} like o.path || '%'`,
        eb.exists(
          eb
            .selectFrom('dispute_campaign_units as cu')
            .innerJoin('units as tu', 'tu.id', 'cu.unit_id')
            .select('cu.unit_id')
            .whereRef('cu.campaign_id', '=', 'c.id')
            .where('tu.path', 'like', `${prefix}%`),
        ),
      ]),
    );
  return q;
}

/** One campaign's units with their state: 已报告 (with the disputes found), 零报告, or 未报告 — silence is not a report. */
async function campaignUnits(db: Kysely<DB>, campaignId: number, user: SessionUser) {
  const prefix = scopePrefix(user);
  const rows = await db
    .selectFrom('dispute_campaign_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .leftJoin('dispute_campaign_reports as r', (j) => j.onRef('r.campaign_id', '=', 'cu.campaign_id').onRef('r.unit_id', '=', 'cu.unit_id'))
    .select([
      'u.id',
      'u.name',
      'u.kind',
      'u.path',
      'r.zero',
      sql<string | null>`r.reported_on::text`.as('reported_on'),
      'r.screened_by',
      'r.note',
      townshipOf('u.path', 'name').as('township_name'),
      townshipOf('u.path', 'id').as('township_id'),
      sql<string>`(select count(*) from disputes d where d.campaign_id = cu.campaign_id and d.place_unit_id = u.id)`.as('found'),
    ])
    .where('cu.campaign_id', '=', campaignId)
    .$if(prefix !== null, (q) => q.where('u.path', 'like', `${prefix}%`))
    .orderBy('u.path')
    .execute();
  return rows.map((r) => ({
    unitId: Number(r.id),
    unitName: r.name,
    townshipId: r.township_id === null ? null : Number(r.township_id),
    townshipName: r.township_name,
    status: r.zero === null ? ('silent' as const) : r.zero ? ('zero' as const) : ('reported' as const),
    statusName: r.zero === null ? '未报告' : r.zero ? '零报告' : '已报告',
    reportedOn: r.reported_on,
    screenedBy: r.screened_by,
    note: r.note,
    found: Number(r.found),
  }));
}

const unitRow = z.object({
  unitId: z.number(),
  unitName: z.string(),
  townshipId: z.number().nullable(),
  townshipName: z.string().nullable(),
  status: z.enum(['reported', 'zero', 'silent']),
  statusName: z.string(),
  reportedOn: z.string().nullable(),
  screenedBy: z.string().nullable(),
  note: z.string().nullable(),
  found: z.number(),
});
const tally = z.object({ units: z.number(), reported: z.number(), zero: z.number(), silent: z.number(), found: z.number() });
const campaignRow = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  name: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  organiserName: z.string(),
  focus: z.string().nullable(),
  tally,
});

const count = (units: Awaited<ReturnType<typeof campaignUnits>>) => ({
  units: units.length,
  reported: units.filter((u) => u.status === 'reported').length,
  zero: units.filter((u) => u.status === 'zero').length,
  silent: units.filter((u) => u.status === 'silent').length,
  found: units.reduce((n, u) => n + u.found, 0),
});

/** 矛盾纠纷排查: campaigns (集中/重点/经常性), who screens which units in which period, each unit's report or its silence. */
export async function campaignRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  const load = async (user: SessionUser, campaignId: number) => {
    const c = await visibleCampaigns(db, user)
      .select([
        'c.id',
        'c.kind',
        'c.name',
        sql<string>`c.period_from::text`.as('period_from'),
        sql<string>`c.period_to::text`.as('period_to'),
        'o.name as organiser_name',
        'c.focus',
      ])
      .where('c.id', '=', campaignId)
      .executeTakeFirst();
    if (!c) throw new AppError('NOT_FOUND');
    const units = await campaignUnits(db, Number(c.id), user);
    return {
      id: Number(c.id),
      kind: c.kind,
      kindName: CAMPAIGN_KINDS[c.kind],
      name: c.name,
      periodFrom: c.period_from,
      periodTo: c.period_to,
      organiserName: c.organiser_name,
      focus: c.focus,
      tally: count(units),
      units,
    };
  };

  app.get(
    '/disputes/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '矛盾纠纷排查活动（本人可见范围；每项含排查单位数、已报告、零报告、未报告和发现纠纷数）',
        response: { 200: z.object({ items: z.array(campaignRow), mayOrganise: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await visibleCampaigns(db, user).select('c.id').orderBy('c.period_from', 'desc').orderBy('c.id', 'desc').limit(200).execute();
      const items = [];
      for (const r of rows) {
        const { units, ...rest } = await load(user, Number(r.id));
        void units;
        items.push(rest);
      }
      return { items, mayOrganise: isDisputeHandler(user) && !user.roles.includes('village_staff') && !user.roles.includes('mediator') };
    },
  );

  app.get(
    '/disputes/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary: '排查活动详情：各排查单位的报告（已报告、零报告、未报告）与发现的纠纷，按乡镇汇总',
        params: z.object({ id }),
        response: {
          200: campaignRow.extend({
            units: z.array(unitRow),
            townships: z.array(z.object({ townshipId: z.number().nullable(), townshipName: z.string(), tally })),
            mayReportFor: z.array(z.object({ unitId: z.number(), unitName: z.string() })).describe('本人可为其报送的排查单位'),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await load(user, request.params.id);
      const byTownship = new Map<string, typeof c.units>();
      for (const u of c.units) {
        const key = u.townshipName ?? '县直';
        byTownship.set(key, [...(byTownship.get(key) ?? []), u]);
      }
      return {
        ...c,
        townships: [...byTownship.entries()].map(([name, units]) => ({ townshipId: units[0]!.townshipId, townshipName: name, tally: count(units) })),
        mayReportFor: isDisputeHandler(user) ? c.units.filter((u) => u.status === 'silent').map((u) => ({ unitId: u.unitId, unitName: u.unitName })) : [],
      };
    },
  );

  app.post(
    '/disputes/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '部署矛盾纠纷排查（集中、重点、经常性）：排查时段和排查单位（默认本单位辖区内的全部乡镇、村社区）',
        body: z.object({
          kind: z.enum(['concentrated', 'key', 'regular']).describe('排查类型'),
          name: text(100).describe('排查活动名称'),
          periodFrom: day.describe('排查开始日期'),
          periodTo: day.describe('排查截止日期'),
          focus: optionalText(1000).describe('排查重点'),
          unitIds: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).max(500).optional().describe('排查单位'),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!isDisputeHandler(user) || user.roles.includes('village_staff') || user.roles.includes('mediator')) throw new AppError('FORBIDDEN');
      const b = request.body;
      if (b.periodTo < b.periodFrom) throw new AppError('VALIDATION_FAILED', { detail: '排查截止日期：不能早于开始日期' }, { field: 'periodTo' });
      return db.transaction().execute(async (trx) => {
        const organiser = await trx.selectFrom('units').select(['id', 'path', 'name']).where('id', '=', user.unitId).executeTakeFirstOrThrow();
        let q = trx.selectFrom('units').select(['id', 'path', 'name']).where('disabled', '=', false).where('kind', 'in', SCREENING_UNIT_KINDS);
        q = b.unitIds?.length ? q.where('id', 'in', b.unitIds) : q.where('path', 'like', `${organiser.path}%`);
        const units = (await q.execute()).filter((u) => inScope(user, u.path));
        if (b.unitIds?.length && units.length !== new Set(b.unitIds).size)
          throw new AppError('UNIT_INVALID', { detail: '排查单位须是本人管辖范围内的乡镇（街道）、村（社区）' }, { field: 'unitIds' });
        if (units.length === 0) throw new AppError('UNIT_INVALID', { detail: '本单位辖区内没有可排查的乡镇（街道）、村（社区）' }, { field: 'unitIds' });
        const { id: cid } = await trx
          .insertInto('dispute_campaigns')
          .values({
            kind: b.kind,
            name: b.name,
            period_from: b.periodFrom,
            period_to: b.periodTo,
            organiser_unit_id: Number(organiser.id),
            focus: b.focus || null,
            created_by: user.id,
            created_at: deps.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('dispute_campaign_units')
          .values(units.map((u) => ({ campaign_id: Number(cid), unit_id: Number(u.id) })))
          .execute();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'dispute.campaign.create',
          entityType: 'dispute_campaign',
          entityId: Number(cid),
          after: { name: b.name, kind: b.kind, from: b.periodFrom, to: b.periodTo, units: units.length },
        });
        return { id: Number(cid) };
      });
    },
  );

  app.post(
    '/disputes/campaigns/:id/reports',
    {
      schema: {
        tags: TAGS,
        summary: '报送排查情况：登记了发现的纠纷的报“已排查”，没有发现的如实作零报告（不报送即为未报告）',
        params: z.object({ id }),
        body: z.object({
          unitId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('排查单位（默认本单位）'),
          zero: z.boolean().describe('零报告'),
          screenedBy: optionalText(200).describe('排查人员'),
          note: optionalText(1000).describe('排查情况说明'),
          reportedOn: day.optional().describe('报送日期'),
        }),
        response: { 200: z.object({ status: z.string(), statusName: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!isDisputeHandler(user)) throw new AppError('FORBIDDEN');
      const b = request.body;
      const unitId = b.unitId ?? user.unitId;
      const on = b.reportedOn ?? today();
      if (on > today()) throw new AppError('VALIDATION_FAILED', { detail: '报送日期：不能晚于今天' }, { field: 'reportedOn' });
      return db.transaction().execute(async (trx) => {
        const c = await trx
          .selectFrom('dispute_campaigns')
          .select(['id', 'name', sql<string>`period_from::text`.as('from'), sql<string>`period_to::text`.as('to')])
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!c) throw new AppError('NOT_FOUND');
        const unit = await trx
          .selectFrom('dispute_campaign_units as cu')
          .innerJoin('units as u', 'u.id', 'cu.unit_id')
          .select(['u.id', 'u.name', 'u.path'])
          .where('cu.campaign_id', '=', Number(c.id))
          .where('cu.unit_id', '=', unitId)
          .executeTakeFirst();
        if (!unit || !inScope(user, unit.path)) throw new AppError('DISPUTE_CAMPAIGN_UNIT', { unit: unit?.name ?? '该单位' });
        if (on < c.from) throw new AppError('DISPUTE_CAMPAIGN_CLOSED', { name: c.name, from: c.from, to: c.to });
        const found = await trx
          .selectFrom('disputes')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('campaign_id', '=', Number(c.id))
          .where('place_unit_id', '=', Number(unit.id))
          .executeTakeFirstOrThrow();
        const n = Number(found.n);
        if (b.zero && n > 0) throw new AppError('DISPUTE_ZERO_REPORT_CONFLICT', { unit: unit.name, count: n });
        if (!b.zero && n === 0) throw new AppError('DISPUTE_REPORT_EMPTY', { unit: unit.name });
        const done = await trx
          .insertInto('dispute_campaign_reports')
          .values({
            campaign_id: Number(c.id),
            unit_id: Number(unit.id),
            reported_on: on,
            zero: b.zero,
            screened_by: b.screenedBy || null,
            note: b.note || null,
            reported_by: user.id,
            created_at: deps.clock.now(),
          })
          .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!done) throw new AppError('CONFLICT', { detail: `${unit.name}已报送本次排查情况` });
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'dispute.campaign.report',
          entityType: 'dispute_campaign',
          entityId: Number(c.id),
          after: { unit: unit.name, zero: b.zero, found: n, occurredOn: on },
        });
        return { status: b.zero ? 'zero' : 'reported', statusName: b.zero ? '零报告' : '已报告' };
      });
    },
  );
}
