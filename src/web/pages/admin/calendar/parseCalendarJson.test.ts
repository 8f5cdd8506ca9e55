import { describe, expect, it } from 'vitest';
import { parseCalendarJson } from './parseCalendarJson.ts';

const valid = {
  year: 2027,
  source: '国办发明电〔2026〕X号',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-07', kind: 'workday', name: '春节' },
  ],
};

describe('parseCalendarJson', () => {
  it('accepts a well-formed year and keeps its days', () => {
    const r = parseCalendarJson(JSON.stringify(valid));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.days.map((d) => d.kind)).toEqual(['holiday', 'workday']);
  });

  it('names the problem for broken JSON, a wrong kind, an impossible date, a date in another year and duplicates', () => {
    expect(parseCalendarJson('{year:')).toMatchObject({ ok: false });
    const bad = (days: unknown[]) => parseCalendarJson(JSON.stringify({ ...valid, days }));
    expect(bad([{ date: '2027-01-01', kind: 'rest', name: '' }])).toMatchObject({ ok: false, error: expect.stringContaining('kind') });
    expect(bad([{ date: '2027-02-30', kind: 'holiday', name: '' }])).toMatchObject({ ok: false, error: expect.stringContaining('不是真实日期') });
    expect(bad([{ date: '2026-12-31', kind: 'holiday', name: '' }])).toMatchObject({ ok: false, error: expect.stringContaining('不在 2027 年') });
    expect(bad([valid.days[0], valid.days[0]])).toMatchObject({ ok: false, error: expect.stringContaining('重复') });
  });

  it('requires the source notice', () => {
    expect(parseCalendarJson(JSON.stringify({ ...valid, source: ' ' }))).toMatchObject({ ok: false, error: expect.stringContaining('source') });
  });
});
