import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseRequestInput } from './request-input.ts';
import { createRateLimiter } from './rate-limit.ts';
import { Open311Error } from './open311-error.ts';
import { toXml } from './format.ts';

const base = { api_key: 'k', service_code: '12', address_string: '龙头村', description: '路灯坏了三个月没有人修理。' };

describe('Open311 request input', () => {
  it('reads attribute[...] from form keys and from a JSON attribute object; empty form fields count as absent', () => {
    const form = parseRequestInput({ ...base, 'attribute[matter_type]': 'accusation', 'attribute[place_unit_id]': '', lat: '', long: '', email: '' });
    expect(form.attributes).toEqual({ matter_type: 'accusation' });
    expect(form.lat).toBeUndefined();
    const json = parseRequestInput({ ...base, attribute: { place_unit_id: 42 } });
    expect(json.attributes).toEqual({ place_unit_id: '42' });
  });

  it('needs a location (lat+long, address_string or address_id), and lat with long', () => {
    const { address_string: _a, ...noPlace } = base;
    expect(() => parseRequestInput(noPlace)).toThrow(/位置/);
    expect(() => parseRequestInput({ ...noPlace, lat: '29.5' })).toThrow(/lat 与 long/);
    expect(parseRequestInput({ ...noPlace, lat: '29.5', long: '105.1' })).toMatchObject({ lat: 29.5, long: 105.1 });
    expect(parseRequestInput({ ...noPlace, address_id: 'A-17' }).address_id).toBe('A-17');
    expect(() => parseRequestInput({ ...noPlace, lat: '91', long: '0' })).toThrow(ZodError);
  });

  it('checks description length, phone, e-mail and media_url; a phone needs a name', () => {
    expect(() => parseRequestInput({ ...base, description: '短' })).toThrow(/至少 10 个字/);
    expect(() => parseRequestInput({ ...base, description: '长'.repeat(4001) })).toThrow(/4000/);
    expect(() => parseRequestInput({ ...base, last_name: '王', phone: '123' })).toThrow(/电话号码无效/);
    expect(() => parseRequestInput({ ...base, phone: '13912345678' })).toThrow(/姓名/);
    expect(() => parseRequestInput({ ...base, email: 'not-mail' })).toThrow(/邮箱/);
    expect(() => parseRequestInput({ ...base, media_url: 'javascript:alert(1)' })).toThrow(ZodError);
    expect(() => parseRequestInput('text')).toThrow(Open311Error);
  });
});

describe('Open311 rate limiter', () => {
  it('allows max per window and bucket, then 429 with the seconds left; a new window starts over', () => {
    const hit = createRateLimiter(60_000);
    hit('key:1', 2, 0);
    hit('key:1', 2, 1000);
    hit('key:2', 2, 1000);
    let err: unknown;
    try {
      hit('key:1', 2, 30_000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Open311Error);
    expect(err).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    expect(() => hit('key:1', 2, 60_000)).not.toThrow();
  });
});

describe('Open311 XML', () => {
  it('wraps items in the list root and escapes markup', () => {
    const x = toXml('errors', 'error', [
      { code: 400, description: '<b>&</b>' },
      { code: 403, description: null },
    ]);
    expect(x).toContain('<errors>');
    expect(x.match(/<error>/g)).toHaveLength(2);
    expect(x).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
  });
});
