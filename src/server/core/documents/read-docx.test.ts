import { describe, expect, it } from 'vitest';
import { buildOfficialDocx } from './gbt9704.ts';
import { docxParagraphs } from './read-docx.ts';

/** The text a citizen reads in the portal is read back from the issued DOCX: every paragraph, in order, unescaped. */
describe('docxParagraphs', () => {
  it('reads an official document back as its paragraphs, markup characters as typed', async () => {
    const docx = await buildOfficialDocx({
      issuerMark: '青岚县信访局',
      number: '青信〔2026〕3号',
      title: '信访事项处理意见书',
      addressee: '李秀英：',
      body: ['一、查明的事实', '物业公司按“<b>二次供水费</b>”收费 & 未公示。', '二、处理依据'],
      signature: '青岚县信访局',
      date: '2026-08-20',
    });
    const paragraphs = await docxParagraphs(docx);
    const text = paragraphs.join('\n');
    expect(paragraphs).toContain('物业公司按“<b>二次供水费</b>”收费 & 未公示。');
    for (const part of ['青岚县信访局', '青信〔2026〕3号', '信访事项处理意见书', '李秀英：', '一、查明的事实', '二、处理依据']) expect(text).toContain(part);
    // in the order they were written, no empty lines, no XML left over
    expect(paragraphs.indexOf('一、查明的事实')).toBeLessThan(paragraphs.indexOf('二、处理依据'));
    expect(paragraphs.every((p) => p.trim() !== '')).toBe(true);
    expect(text).not.toMatch(/<w:|&amp;|&lt;/);
  });
});
