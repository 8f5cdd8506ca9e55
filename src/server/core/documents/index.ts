export { buildOfficialDocx, FONTS, SIZES, LINE_TWIPS, type OfficialDocument } from './gbt9704.ts';
export { formatDocNumber, formatChineseDate, fillTemplate } from './format.ts';
export { docxEntryText } from './read-docx.ts';
