import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildOfficialDocx, docxEntryText, fillTemplate, formatChineseDate, formatDocNumber, type OfficialDocument } from './index.ts';

const sample: OfficialDocument = {
  issuerMark: '青山县信访局',
  number: formatDocNumber('青信', 2026, 15),
  title: '信访事项受理告知书',
  addressee: '王某某',
  body: ['你于2026年8月3日提出的信访事项，本机关已依法受理。', '一、办理期限', '（一）自受理之日起六十日内办结。'],
  attachments: ['信访事项办理流程'],
  signature: '青山县信访局',
  date: '2026-08-05',
  copyTo: ['县人社局'],
  printedBy: { unit: '青山县信访局办公室', date: '2026-08-05' },
};

describe('GB/T 9704 text conventions', () => {
  it('发文字号: 六角括号, no 第, no leading zeros', () => {
    expect(formatDocNumber('青信', 2026, 15)).toBe('青信〔2026〕15号');
    expect(formatDocNumber('青信', 2026, 1)).toBe('青信〔2026〕1号');
    expect(() => formatDocNumber('青信', 2026, 0)).toThrow();
  });
  it('成文日期 in Arabic numerals without zero padding', () => {
    expect(formatChineseDate('2026-08-05')).toBe('2026年8月5日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => formatChineseDate('2026/8/5')).toThrow();
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{name}：你于{date}提出的{x}', { name: '王某', date: '2026年8月3日' })).toBe('王某：你于2026年8月3日提出的{x}');
  });
});

describe('buildOfficialDocx', () => {
  it('is a DOCX zip with A4, 37/35/28/26 mm margins and the even/odd page-number footers', async () => {
    const buf = await buildOfficialDocx(sample);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const xml = await docxEntryText(buf, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:top="2098"');
    expect(xml).toContain('w:bottom="1984"');
    expect(xml).toContain('w:left="1587"');
    expect(xml).toContain('w:right="1474"');
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
    const settings = await docxEntryText(buf, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const zip = await JSZip.loadAsync(buf);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.some((f) => f.includes('PAGE') && f.includes('— ') && f.includes('w:val="right"'))).toBe(true);
    expect(footers.some((f) => f.includes('PAGE') && f.includes('w:val="left"'))).toBe(true);
  });

  it('carries the 文号, red mark, title font and size, body indent and 版记 text', async () => {
    const xml = await docxEntryText(await buildOfficialDocx(sample), 'word/document.xml');
    expect(xml).toContain('青信〔2026〕15号');
    expect(xml).not.toContain('第15号');
    // red 机关标志 and the red rule
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:color w:val="FF0000"\/><w:sz w:val="72"\/>[^]*?青山县信访局/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    // title: 方正小标宋简体 二号 (44 half-points) with eastAsia set
    const title = xml.slice(xml.lastIndexOf('<w:r>', xml.indexOf('信访事项受理告知书')), xml.indexOf('信访事项受理告知书'));
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    // body: 2-character first-line indent; headings in 黑体 / 楷体
    expect(xml).toContain('w:firstLine="640"');
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?一、办理期限/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）自受理之日/);
    expect(xml).toContain('2026年8月5日');
    expect(xml).toContain('抄送：县人社局。');
    expect(xml).toContain('2026年8月5日印发');
    expect(xml).toContain('附件：信访事项办理流程');
  });

  it('sets 仿宋_GB2312 三号 with eastAsia and a 28.9 pt exact line as the document default', async () => {
    const styles = await docxEntryText(await buildOfficialDocx(sample), 'word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toMatch(/w:line="578" w:lineRule="exact"/);
  });

  it('omits the red header block for a plain notice', async () => {
    const xml = await docxEntryText(
      await buildOfficialDocx({ ...sample, issuerMark: undefined, copyTo: undefined, printedBy: undefined }),
      'word/document.xml',
    );
    expect(xml).not.toContain('FF0000');
    expect(xml).not.toContain('印发');
  });
});
