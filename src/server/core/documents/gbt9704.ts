import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TabStopType, TextRun, type IRunOptions } from 'docx';
import { formatChineseDate } from './format.ts';

/** A typed official document (公文) in the GB/T 9704 layout; every text is plain, already filled. */
export interface OfficialDocument {
  /** 发文机关标志, printed red at the top (e.g. '青山县信访局'); omitted for plain notices */
  issuerMark?: string;
  /** 发文字号, e.g. '青信〔2026〕15号' */
  number?: string;
  title: string;
  /** 主送机关 (or the addressed person), followed by a full-width colon */
  addressee?: string;
  /** body paragraphs; '一、' starts a 黑体 heading, '（一）' a 楷体 heading */
  body: string[];
  attachments?: string[];
  /** 落款 (issuing organ) */
  signature: string;
  /** 成文日期 'YYYY-MM-DD' */
  date: string;
  /** 版记 */
  copyTo?: string[];
  printedBy?: { unit: string; date: string };
}

export const FONTS = { body: '仿宋_GB2312', title: '方正小标宋简体', heading1: '黑体', heading2: '楷体_GB2312', pageNumber: '宋体' } as const;
/** half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小初 36pt */
export const SIZES = { title: 44, body: 32, footer: 28, mark: 72 } as const;
const MM = 1440 / 25.4; // twips per millimetre
const mm = (v: number) => Math.round(v * MM);
/** 22 lines in the 225 mm block: 225/22 ≈ 10.23 mm ≈ 28.9 pt per line */
export const LINE_TWIPS = 578;
/** two 三号 characters */
const INDENT_2CHARS = 640;
const TEXT_WIDTH = mm(210 - 28 - 26);
const RED = 'FF0000';

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, opts: Omit<IRunOptions, 'text'> & { fontName?: string } = {}) => {
  const { fontName, ...rest } = opts;
  return new TextRun({ text, ...(fontName ? { font: font(fontName) } : {}), ...rest });
};
const blank = () => new Paragraph({ children: [] });

function bodyParagraph(text: string): Paragraph {
  const fontName = /^[一二三四五六七八九十]+、/.test(text) ? FONTS.heading1 : /^（[一二三四五六七八九十]+）/.test(text) ? FONTS.heading2 : undefined;
  return new Paragraph({ indent: { firstLine: INDENT_2CHARS }, alignment: AlignmentType.JUSTIFIED, children: [run(text, { fontName })] });
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const f = { fontName: FONTS.pageNumber, size: SIZES.footer };
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        // 一字 from the edge: odd pages right, even pages left
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [run('— ', f), new TextRun({ children: [PageNumber.CURRENT], font: font(FONTS.pageNumber), size: SIZES.footer }), run(' —', f)],
      }),
    ],
  });
}

function paragraphs(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  if (doc.issuerMark) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: mm(20), lineRule: LineRuleType.EXACT },
        children: [run(doc.issuerMark, { fontName: FONTS.title, size: SIZES.mark, color: RED })],
      }),
    );
    out.push(blank());
  }
  if (doc.number) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(doc.number)] }));
  if (doc.issuerMark) {
    // the red rule under the 发文字号 (a paragraph border: it moves with the text, as in Word templates)
    out.push(
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } },
        spacing: { line: 240, lineRule: LineRuleType.EXACT },
        children: [],
      }),
    );
  }
  out.push(blank(), blank());
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run(doc.title, { fontName: FONTS.title, size: SIZES.title })],
    }),
  );
  out.push(blank());
  if (doc.addressee) out.push(new Paragraph({ children: [run(`${doc.addressee}：`)] }));
  for (const p of doc.body) out.push(bodyParagraph(p));
  if (doc.attachments?.length) {
    out.push(blank());
    doc.attachments.forEach((a, i) => {
      const label = doc.attachments!.length === 1 ? '附件：' : i === 0 ? '附件：1.' : `${i + 1}.`;
      // continuation lines align under the first attachment's name
      out.push(new Paragraph({ indent: i === 0 ? { firstLine: INDENT_2CHARS } : { left: INDENT_2CHARS + 960 }, children: [run(`${label}${a}`)] }));
    });
  }
  out.push(blank(), blank());
  // 落款 and 成文日期: right-aligned, 4 characters from the right edge (the common 加盖印章 layout)
  out.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, children: [run(doc.signature)] }));
  out.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, children: [run(formatChineseDate(doc.date))] }));
  if (doc.copyTo?.length || doc.printedBy) {
    out.push(blank(), blank());
    // the 版记 sits between two black rules; 四号 text, one character in from each side
    const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    const rows: { children: TextRun[]; tabStops?: { type: typeof TabStopType.RIGHT; position: number }[] }[] = [];
    const v = { size: SIZES.footer };
    if (doc.copyTo?.length) rows.push({ children: [run(`抄送：${doc.copyTo.join('，')}。`, v)] });
    if (doc.printedBy)
      rows.push({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 280 }],
        children: [run(doc.printedBy.unit, v), run(`\t${formatChineseDate(doc.printedBy.date)}印发`, v)],
      });
    rows.forEach((r, i) => {
      const border = { ...(i === 0 ? { top: rule } : {}), ...(i === rows.length - 1 ? { bottom: rule } : {}) };
      out.push(new Paragraph({ ...r, indent: { left: 280, right: 280 }, border }));
    });
  }
  return out;
}

/** The document model → DOCX bytes (A4, margins 37/35/28/26 mm, 仿宋 三号 body on a 22-line grid). */
export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: doc.signature,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size: SIZES.body },
          paragraph: { spacing: { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(21) },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children: paragraphs(doc),
      },
    ],
  });
  return Packer.toBuffer(document);
}
