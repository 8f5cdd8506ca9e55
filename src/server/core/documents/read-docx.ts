import JSZip from 'jszip';

/** The text of one part of a DOCX (e.g. 'word/document.xml'); for tests and checks, not for editing. */
export async function docxEntryText(docx: Buffer, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file(entry);
  if (!file) throw new Error(`DOCX 中缺少 ${entry}`);
  return file.async('string');
}
