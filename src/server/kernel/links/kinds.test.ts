import { describe, expect, it } from 'vitest';
import { KERNEL_LINK_KINDS, linkName, linkPhrase, mergeLinkKinds } from './kinds.ts';
import { describeLinkAudit, linkAuditOtherId } from './link-wording.ts';
import { createCatalog } from '../catalog/index.ts';
import { auditActionZh, describeAudit } from '../timeline/labels.ts';

const kind = (code: string) => KERNEL_LINK_KINDS.find((k) => k.code === code);

describe('link kinds and their wording', () => {
  it('names every kernel kind in Chinese from both ends', () => {
    expect(KERNEL_LINK_KINDS.map((k) => [k.code, k.forward, k.reverse])).toEqual([
      ['reveals', '发现隐患', '由…发现'],
      ['escalates', '升级为', '由…升级'],
      ['decides', '作出决定', '由…作出决定'],
      ['relates', '相关', '相关'],
    ]);
    for (const k of KERNEL_LINK_KINDS) expect(`${k.forward}${k.reverse}`).toMatch(/^[\u4e00-\u9fa5…]+$/);
  });

  it('reads a link from each end, putting the other number where the name says', () => {
    expect(linkName(kind('escalates'), 'out')).toBe('升级为');
    expect(linkName(kind('escalates'), 'in')).toBe('由…升级');
    expect(linkPhrase(kind('escalates'), 'out', 'JF-519901-2026-000123')).toBe('升级为 JF-519901-2026-000123');
    expect(linkPhrase(kind('escalates'), 'in', 'JF-519901-2026-000123')).toBe('由 JF-519901-2026-000123 升级');
    expect(linkPhrase(kind('reveals'), 'in', 'A-1')).toBe('由 A-1 发现');
    expect(linkPhrase(kind('relates'), 'in', 'A-1')).toBe('相关 A-1');
    expect(linkPhrase(undefined, 'out', 'A-1')).toBe('关联 A-1');
  });

  it('merges kinds a module declares, refusing a code twice, a bad code or a missing name', () => {
    const merged = mergeLinkKinds([{ owner: 'hazard', kinds: [{ code: 'inspects', forward: '检查发现', reverse: '由…检查发现' }] }]);
    expect([...merged.keys()]).toEqual(['reveals', 'escalates', 'decides', 'relates', 'inspects']);
    expect(() => mergeLinkKinds([{ owner: 'x', kinds: [{ code: 'relates', forward: '甲', reverse: '乙' }] }])).toThrow(/twice/);
    expect(() => mergeLinkKinds([{ owner: 'x', kinds: [{ code: 'Bad-Code', forward: '甲', reverse: '乙' }] }])).toThrow(/code/);
    expect(() => mergeLinkKinds([{ owner: 'x', kinds: [{ code: 'ok', forward: ' ', reverse: '乙' }] }])).toThrow(/name/);
  });

  it('describes link events readably in the timeline and the audit viewer, never as JSON', () => {
    const none = createCatalog([]);
    const after = {
      linkId: 3,
      kind: 'escalates',
      direction: 'out',
      otherId: 9,
      otherRefNo: 'JF-519901-2026-000123',
      note: '群体性苗头',
      occurredOn: '2026-08-03',
    };
    expect(auditActionZh(none, 'item.link')).toBe('关联事项');
    expect(auditActionZh(none, 'item.unlink')).toBe('解除关联');
    expect(describeAudit(none, 'item.link', null, after)).toBe('关联：升级为 JF-519901-2026-000123；说明：群体性苗头');
    expect(describeAudit(none, 'item.link', null, { ...after, direction: 'in', note: null })).toBe('关联：由 JF-519901-2026-000123 升级');
    expect(describeAudit(none, 'item.unlink', { ...after, direction: 'in' }, { removed: true })).toBe('解除关联：由 JF-519901-2026-000123 升级');
    expect(describeLinkAudit(none.linkKind, 'item.link', null, { junk: true })).toBe('关联');
    expect(describeLinkAudit(none.linkKind, 'petition.accept', null, after)).toBeNull();
    expect(linkAuditOtherId('item.link', null, after)).toBe(9);
    expect(linkAuditOtherId('item.unlink', after, { removed: true })).toBe(9);
    expect(linkAuditOtherId('item.attachments', null, after)).toBeNull();
  });

  it('lets a module kind name itself through the catalog', () => {
    const catalog = createCatalog([]);
    expect(catalog.linkKind('decides')?.reverse).toBe('由…作出决定');
    expect(catalog.linkKind('nope')).toBeUndefined();
  });
});
