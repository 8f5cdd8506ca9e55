import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { clip, defineMessages, renderTemplate } from './templates.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './deliver.ts';
import { maskEmail, maskRecipient } from './recipients.ts';
import { sealMessage } from './enqueue.ts';
import { decryptValue, deriveKeys } from '../personal-data/index.ts';

const TEMPLATES = defineMessages({
  registered: { name: '登记回执', subject: '事项已登记：{caseNo}', text: '【测试】您的事项已登记，编号{caseNo}，查询码{queryCode}。', secret: ['queryCode'] },
  accepted: { name: '受理告知', subject: '已受理：{caseNo}', text: '【测试】{caseNo}已于{date}受理，期限至{dueDate}。' },
});
const SAMPLE = {
  registered: { caseNo: 'XF2026-000123', queryCode: 'K7P2Q9X4' },
  accepted: { caseNo: 'XF2026-000123', date: '2026-08-05', dueDate: '2026-10-08' },
};

describe('outbox templates', () => {
  it('fills every placeholder; the 查询码 appears in the text but never in the preview', () => {
    const r = renderTemplate(TEMPLATES.registered, SAMPLE.registered);
    expect(r.text).toContain('XF2026-000123');
    expect(r.text).toContain('K7P2Q9X4');
    expect(r.preview).not.toContain('K7P2Q9X4');
    expect(r.preview).toContain('XF2026-000123');
    expect(r.subject).toBe('事项已登记：XF2026-000123');
  });

  it('a missing parameter is an error (the event rolls back rather than sending a broken text)', () => {
    expect(() => renderTemplate(TEMPLATES.accepted, { caseNo: 'X' })).toThrow(/date/);
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
    const m = sealMessage(keys, { channel: 'sms', to: '+86 138-0013-8000', template: TEMPLATES.registered, params: SAMPLE.registered, workItemId: 7 });
    expect(m.recipientEnc).not.toContain('13800138000');
    expect(m.bodyEnc).not.toContain('K7P2Q9X4');
    expect(decryptValue(keys, m.recipientEnc)).toBe('13800138000');
    expect(decryptValue(keys, m.bodyEnc)).toContain('K7P2Q9X4');
    expect(m).toMatchObject({ recipientMasked: '138****8000', template: 'registered', subject: null, workItemId: 7 });
  });
});
