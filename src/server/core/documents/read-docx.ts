import JSZip from 'jszip';

/** The text of one part of a DOCX (e.g. 'word/document.xml'); for tests and checks, not for editing. */
export async function docxEntryText(docx: Buffer, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file(entry);
  if (!file) throw new Error(`DOCX 中缺少 ${entry}`);
  return file.async('string');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (XML_ENTITIES[e] ?? ''),
  );

/**
 * The paragraphs of a DOCX's main text as plain strings, in order (empty paragraphs left out): what a reader sees,
 * read from the stored file itself, so the text shown in a page is exactly the document that was issued.
 */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const xml = await docxEntryText(docx, 'word/document.xml');
  const out: string[] = [];
  for (const p of xml.split(/<\/w:p>/)) {
    let text = '';
    for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) text += m[1] === undefined ? '\t' : unescapeXml(m[1]);
    if (text.trim()) out.push(text);
  }
  return out;
}
