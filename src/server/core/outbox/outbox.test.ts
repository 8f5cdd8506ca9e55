import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { OUTBOX_TEMPLATES, clip, renderTemplate, type OutboxTemplateKey } from './templates.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './deliver.ts';
import { maskEmail, maskRecipient } from './recipients.ts';
import { sealMessage } from './enqueue.ts';
import { decryptValue, deriveKeys } from '../personal-data/index.ts';

const SAMPLE: Record<OutboxTemplateKey, Record<string, string | number>> = {
  registered: { caseNo: 'XF2026-000123', queryCode: 'K7P2Q9X4' },
  accepted: { caseNo: 'XF2026-000123', date: '2026-08-05', dueDate: '2026-10-08' },
  not_accepted: { caseNo: 'XF2026-000123', legalRoute: '如不服，可自知道或应当知道该行政行为之日起60日内依法申请行政复议。' },
  transferred: { caseNo: 'XF2026-000123', toUnitName: '市人力资源和社会保障局' },
  extended: { caseNo: 'XF2026-000123', dueDate: '2026-11-07', reason: '需补充调查' },
  replied: { caseNo: 'XF2026-000123', evalDays: 30, reviewHint: '不服的，可在收到之日起30日内申请复查。' },
  review_opened: { caseNo: 'XF2026-000123', reviewKind: '复查', reviewCaseNo: 'XF2026-000200', dueDate: '2026-10-20' },
};

describe('outbox templates', () => {
  it('fills every placeholder; the 查询码 appears in the text but never in the preview', () => {
    const r = renderTemplate('registered', SAMPLE.registered);
    expect(r.text).toContain('XF2026-000123');
    expect(r.text).toContain('K7P2Q9X4');
    expect(r.preview).not.toContain('K7P2Q9X4');
    expect(r.preview).toContain('XF2026-000123');
    expect(r.subject).toBe('信访事项已登记：XF2026-000123');
  });

  it('every template renders with its parameters, leaves no placeholder and stays SMS-sized (≤ 3 segments)', () => {
    for (const key of Object.keys(OUTBOX_TEMPLATES) as OutboxTemplateKey[]) {
      const r = renderTemplate(key, SAMPLE[key]);
      expect(r.text, key).not.toMatch(/[{}]/);
      expect([...r.text].length, key).toBeLessThanOrEqual(3 * 67);
    }
  });

  it('a missing parameter is an error (the event rolls back rather than sending a broken text)', () => {
    expect(() => renderTemplate('accepted', { caseNo: 'X' })).toThrow(/date/);
  });

  it('clips free text to one short line', () => {
    expect(clip('需要\n补充   调查', 20)).toBe('需要 补充 调查');
    expect([...clip('很'.repeat(50), 10)].length).toBe(10);
    expect(clip('很'.repeat(50), 10).endsWith('…')).toBe(true);
  });
});

describe('outbox retry schedule and masking', () => {
  it('waits 1, 2, 4, 8, 16 … minutes and gives up after 8 attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('masks phones and e-mail addresses', () => {
    expect(maskRecipient('sms', '13800138000')).toBe('138****8000');
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('nope')).not.toContain('nope');
  });

  it('seals: recipient and body are ciphertext that decrypts to the normalised phone and the text', () => {
    const keys = deriveKeys(randomBytes(32));
    const m = sealMessage(keys, { channel: 'sms', to: '+86 138-0013-8000', template: 'registered', params: SAMPLE.registered, workItemId: 7 });
    expect(m.recipientEnc).not.toContain('13800138000');
    expect(m.bodyEnc).not.toContain('K7P2Q9X4');
    expect(decryptValue(keys, m.recipientEnc)).toBe('13800138000');
    expect(decryptValue(keys, m.bodyEnc)).toContain('K7P2Q9X4');
    expect(m).toMatchObject({ recipientMasked: '138****8000', template: 'registered', subject: null, workItemId: 7 });
  });
});
