/** Excel imports a module declares: template, reading by header, all-or-nothing with a per-row report. */
export type { ImportColumn, ImportContext, ImportDeclaration, RowCheck, SheetRow } from './declaration.ts';
export { importFileLimits, importTemplate, readSheet, runImport, type ImportReport } from './engine.ts';
export { cellText, excelDate, parseDay, parseYesNo } from './cells.ts';
