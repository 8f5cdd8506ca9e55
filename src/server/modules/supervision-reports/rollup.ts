import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { presentField } from './fields.ts';
import { numbersOf, type Definition } from './store.ts';
import { lateText, SLOT_STATUS_NAMES, slotsBetween, slotStatus, type IsWorkday } from './schedule.ts';

type Sums = Record<string, number>;
const add = (into: Sums, from: Sums) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

/**
 * The figures of a report over [from, to] for the units the viewer may see: per period the sum of every number field
 * over the units that reported (a 零报告 counts 0), per unit the sum over the periods, and the counts of reports, zero
 * reports, late and missing ones. Periods not yet due are counted but not as missing.
 */
export async function rollUp(
  db: Kysely<DB>,
  d: Definition,
  units: { id: number; name: string }[],
  range: { from: string; to: string },
  isWorkday: IsWorkday,
  now: Date,
) {
  const slots = slotsBetween(d.schedule, range.from, range.to, isWorkday).filter((s) => s.periodStart >= range.from);
  const numberFields = d.fields.filter((f) => f.kind === 'number');
  const zeroSums = () => Object.fromEntries(numberFields.map((f) => [f.key, 0])) as Sums;
  const subs =
    units.length && slots.length
      ? await db
          .selectFrom('periodic_report_submissions')
          .select(['unit_id', 'period_start', 'zero', 'values', 'note', 'submitted_at'])
          .where('def_id', '=', d.id)
          .where(
            'unit_id',
            'in',
            units.map((u) => u.id),
          )
          .where(
            'period_start',
            'in',
            slots.map((s) => s.periodStart),
          )
          .execute()
      : [];
  const key = (unitId: number, period: string) => `${unitId}|${period}`;
  const byKey = new Map(subs.map((s) => [key(Number(s.unit_id), s.period_start), s]));
  const perUnit = new Map(units.map((u) => [u.id, { unitId: u.id, unitName: u.name, reported: 0, zero: 0, late: 0, missing: 0, sums: zeroSums() }]));
  const total = zeroSums();
  const periods = slots.map((slot) => {
    const p = { reported: 0, zero: 0, late: 0, missing: 0, sums: zeroSums() };
    for (const u of units) {
      const s = byKey.get(key(u.id, slot.periodStart));
      const status = slotStatus(slot, s ? s.submitted_at : null, now);
      const pu = perUnit.get(u.id)!;
      if (status === 'missing') {
        p.missing += 1;
        pu.missing += 1;
      }
      if (!s) continue;
      p.reported += 1;
      pu.reported += 1;
      if (s.zero) {
        p.zero += 1;
        pu.zero += 1;
      }
      if (status === 'late') {
        p.late += 1;
        pu.late += 1;
      }
      const n = numbersOf(d.fields, s.zero ? {} : (s.values as Record<string, unknown>));
      add(p.sums, n);
      add(pu.sums, n);
      add(total, n);
    }
    return { periodStart: slot.periodStart, periodEnd: slot.periodEnd, label: slot.label, dueDate: slot.dueDate, dueAt: slot.dueAt.toISOString(), ...p };
  });
  return { fields: d.fields.map(presentField), periods, units: [...perUnit.values()], total, slots, byKey };
}

type RollUp = Awaited<ReturnType<typeof rollUp>>;
const bold = { bold: true } as const;

/** The roll-up as a workbook: 按期汇总 (with the total row), 按单位汇总, and 报送明细 (every unit × period with its status). */
export async function rollUpWorkbook(
  _db: Kysely<DB>,
  d: Definition,
  units: { id: number; name: string }[],
  r: RollUp,
  range: { from: string; to: string },
  now: Date,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const nums = d.fields.filter((f) => f.kind === 'number');
  const heading = (f: (typeof nums)[number]) => (f.measure ? `${f.name}（${f.measure}）` : f.name);
  const title = (ws: ExcelJS.Worksheet, text: string, width: number) => {
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(1, 1).value = text;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.mergeCells(2, 1, 2, width);
    ws.getCell(2, 1).value = `发起单位：${d.issuerName}  汇总时段：${range.from}至${range.to}${d.periodName ? `  特殊时期：${d.periodName}` : ''}`;
  };

  const byPeriod = wb.addWorksheet('按期汇总');
  const pHead = ['报送期', '截止时间', '已报单位', '其中零报告', '迟报', '缺报', ...nums.map(heading)];
  title(byPeriod, `${d.name}汇总表（按期）`, pHead.length);
  byPeriod.addRow(pHead).font = bold;
  for (const p of r.periods)
    byPeriod.addRow([p.label, `${p.dueDate} ${d.schedule.dueTime}`, p.reported, p.zero, p.late, p.missing, ...nums.map((f) => p.sums[f.key] ?? 0)]);
  const first = 4;
  const last = 3 + r.periods.length;
  const totalRow = byPeriod.addRow(['合计', '', ...[2, 3, 4, 5].map(() => 0), ...nums.map(() => 0)]);
  totalRow.font = bold;
  for (let c = 3; c <= pHead.length; c++) {
    const col = byPeriod.getColumn(c).letter;
    const values = r.periods.map((p) => [p.reported, p.zero, p.late, p.missing, ...nums.map((f) => p.sums[f.key] ?? 0)][c - 3]!);
    totalRow.getCell(c).value = r.periods.length ? { formula: `SUM(${col}${first}:${col}${last})`, result: values.reduce((a, b) => a + b, 0) } : 0;
  }
  byPeriod.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 14));

  const byUnit = wb.addWorksheet('按单位汇总');
  const uHead = ['单位', '已报次数', '其中零报告', '迟报次数', '缺报次数', ...nums.map(heading)];
  title(byUnit, `${d.name}汇总表（按单位）`, uHead.length);
  byUnit.addRow(uHead).font = bold;
  for (const u of r.units) byUnit.addRow([u.unitName, u.reported, u.zero, u.late, u.missing, ...nums.map((f) => u.sums[f.key] ?? 0)]);
  byUnit.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 14));

  const detail = wb.addWorksheet('报送明细');
  const dHead = ['报送期', '单位', '报送情况', '报送时间', ...d.fields.map((f) => (f.measure ? `${f.name}（${f.measure}）` : f.name)), '情况说明'];
  title(detail, `${d.name}报送明细`, dHead.length);
  detail.addRow(dHead).font = bold;
  for (const slot of r.slots)
    for (const u of units) {
      const s = r.byKey.get(`${u.id}|${slot.periodStart}`);
      const status = slotStatus(slot, s ? s.submitted_at : null, now);
      const word = s?.zero ? '零报告' : status === 'late' && s ? `迟报（${lateText(slot.dueAt, s.submitted_at)}）` : SLOT_STATUS_NAMES[status];
      const values = (s?.values ?? {}) as Record<string, unknown>;
      detail.addRow([
        slot.label,
        u.name,
        word,
        s ? new Date(s.submitted_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '',
        ...d.fields.map((f) => (s && !s.zero ? ((values[f.key] as string | number | undefined) ?? '') : s?.zero && f.kind === 'number' ? 0 : '')),
        s?.note ?? '',
      ]);
    }
  detail.columns.forEach((c, i) => (c.width = i < 2 ? 20 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
