import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';

/**
 * An Excel import a module declares (ModuleDescriptor.imports): an existing 台账 brought in row by row through
 * the module's own registration, all or nothing. The kernel (./engine.ts) builds the template from the columns,
 * reads the sheet by its headers, asks the module to validate EVERY row, and only when all are valid writes them
 * in one transaction — a per-row report either way, nothing half-imported, one audit event for the import.
 */
export interface ImportDeclaration<Row = unknown> {
  /** the import's code, unique across modules (URL /imports/{kind}), e.g. 'petition_ledger' */
  kind: string;
  /** what is imported, e.g. 信访台账 */
  name: string;
  /** the sheet the template has and the reader looks for first (else the workbook's first sheet) */
  sheetName: string;
  columns: readonly ImportColumn[];
  /** the rule told on the template's 填写说明 sheet and on the import page */
  rules: string;
  /** the most data rows one file may hold */
  maxRows: number;
  /** the audit action of a finished import, in the module's vocabulary (e.g. petition.import) */
  auditAction: string;
  mayImport(user: SessionUser): boolean;
  /** every row checked, nothing written: a report per row, with the parsed row when it is valid */
  validate(db: Kysely<DB>, rows: readonly SheetRow[], ctx: { user: SessionUser; today: string }): Promise<RowCheck<Row>[]>;
  /** the page that opens a written row, when the import writes records that are not the module's work items (a register) */
  detailHref?(id: number): string;
  /** writes one valid row inside the import's transaction (the module's registration, with its numbers, clocks and audit) */
  write(trx: Transaction<DB>, row: Row, ctx: ImportContext): Promise<{ id: number; no: string }>;
}

export interface ImportColumn {
  key: string;
  /** the header text (a required column's header gets a * on the template) */
  header: string;
  required: boolean;
  width: number;
  /** how to fill it, on the 填写说明 sheet */
  note: string;
  /** a drop-down of the accepted words */
  choices?: readonly string[];
  /** 'date' cells get a date format; 'text' keeps digits as text (ID and phone numbers) */
  format?: 'date' | 'text';
}

/** One data row of the sheet: its row number and its cells as text by column key. */
export interface SheetRow {
  row: number;
  cells: Readonly<Record<string, string>>;
}

export interface RowCheck<Row> {
  row: number;
  ok: boolean;
  errors: string[];
  value?: Row;
}

export interface ImportContext {
  user: SessionUser;
  actor: Actor;
  now: Date;
  keys: PersonalDataKeys;
}
