export { buildOfficialDocx, FONTS, SIZES, LINE_TWIPS, type OfficialDocument } from './gbt9704.ts';
export { formatDocNumber, formatChineseDate, fillTemplate } from './format.ts';
export { docxEntryText, docxParagraphs } from './read-docx.ts';

/** The MIME type of the DOCX files buildOfficialDocx makes. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
