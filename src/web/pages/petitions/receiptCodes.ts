/**
 * The 查询码 of cases registered in this tab, kept in memory only (never in storage, never sent back): the server keeps
 * only its hash, so the 登记回执 can show it just after the registration; a reload forgets it.
 */
const codes = new Map<number, string>();

export function rememberQueryCode(caseId: number, code: string): void {
  codes.set(caseId, code);
}

export function queryCodeOf(caseId: number): string | undefined {
  return codes.get(caseId);
}
