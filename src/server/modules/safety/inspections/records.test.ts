import { describe, expect, it } from 'vitest';
import { bodyHash, recordInput } from './records.ts';

const body = (extra: object = {}) =>
  recordInput.parse({
    inspectedAt: '2026-08-03T01:30:00Z',
    results: [
      { itemId: 1, outcome: 'pass' },
      { itemId: 2, outcome: 'fail', finding: '安全出口被堵塞', category: '消防安全', dueOn: '2026-08-10' },
    ],
    inspectorSignature: 'iVBORw0KGgo=',
    ...extra,
  });

describe('inspection record resend hash', () => {
  it('is the same for the same content whatever the key order the phone serialised it in', () => {
    const a = body({ remarks: '无其他情况', latitude: 28.1 });
    const b = recordInput.parse(Object.fromEntries(Object.entries(body({ latitude: 28.1, remarks: '无其他情况' })).reverse()));
    expect(bodyHash(7, a)).toBe(bodyHash(7, b));
  });
  it('differs when anything that is saved differs: a remark, a result, the target', () => {
    const a = body();
    expect(bodyHash(7, a)).not.toBe(bodyHash(8, a));
    expect(bodyHash(7, a)).not.toBe(bodyHash(7, body({ remarks: '补充' })));
    const changed = body();
    changed.results[0]!.outcome = 'na';
    expect(bodyHash(7, a)).not.toBe(bodyHash(7, changed));
  });
});
