import { apiClient, type ApiOk, type ApiQuery } from '../../../api/typed.ts';

export type ReportList = ApiOk<'/safety/hazard-reports'>;
export type ReportListRow = ReportList['items'][number];
export type Report = ApiOk<'/safety/hazard-reports/{id}'>;
export type ReportItems = ApiOk<'/safety/hazard-reports/{id}/items'>;
export type ReportItemsQuery = ApiQuery<'/safety/hazard-reports/{id}/items'>;

/** 隐患统计报表's calls over the generated API types. */
export const reportsApi = {
  list: (unitId?: number) => apiClient.get('/safety/hazard-reports', { query: unitId ? { unitId } : {} }),
  generate: (body: { periodKind: 'quarter' | 'year'; year: number; quarter?: number }) => apiClient.post('/safety/hazard-reports', { body }),
  report: (id: number) => apiClient.get('/safety/hazard-reports/{id}', { params: { id } }),
  items: (id: number, query: ReportItemsQuery) => apiClient.get('/safety/hazard-reports/{id}/items', { params: { id }, query }),
  sign: (id: number) => apiClient.post('/safety/hazard-reports/{id}/sign', { params: { id } }),
  return: (id: number, reason: string) => apiClient.post('/safety/hazard-reports/{id}/return', { params: { id }, body: { reason } }),
};

/** The colour of a status tag: signed green (orange when late), late red, awaiting sign-off blue, returned orange. */
export function statusColor(r: { status: string; late: boolean }): string {
  if (r.status === 'signed') return r.late ? 'orange' : 'green';
  if (r.late) return 'red';
  return r.status === 'draft' ? 'blue' : r.status === 'returned' ? 'orange' : 'default';
}
