import { apiClient, type ApiBody, type ApiOk } from '../../api/typed.ts';

export type ReportList = ApiOk<'/periodic-reports'>;
export type ReportRow = ReportList['items'][number];
export type ReportDetail = ApiOk<'/periodic-reports/{id}'>;
export type ReportBoard = ApiOk<'/periodic-reports/{id}/board'>;
export type BoardRow = ReportBoard['units'][number];
export type ReportRollup = ApiOk<'/periodic-reports/{id}/rollup'>;
export type MyReports = ApiOk<'/periodic-reports/mine'>;
export type ReportInput = ApiBody<'/periodic-reports', 'post'>;
export type SlotStatus = BoardRow['status'];

/** 定期报告's calls over the generated API types. */
export const reportsApi = {
  list: () => apiClient.get('/periodic-reports'),
  options: () => apiClient.get('/periodic-reports/options'),
  get: (id: number) => apiClient.get('/periodic-reports/{id}', { params: { id } }),
  create: (body: ReportInput) => apiClient.post('/periodic-reports', { body }),
  update: (id: number, body: ReportInput) => apiClient.put('/periodic-reports/{id}', { params: { id }, body }),
  board: (id: number, period?: string) => apiClient.get('/periodic-reports/{id}/board', { params: { id }, query: period ? { period } : {} }),
  remind: (id: number, period: string, unitIds?: number[]) => apiClient.post('/periodic-reports/{id}/remind', { params: { id }, body: { period, unitIds } }),
  mine: () => apiClient.get('/periodic-reports/mine'),
  mySubmission: (id: number, period: string) => apiClient.get('/periodic-reports/{id}/submissions/mine', { params: { id }, query: { period } }),
  submit: (id: number, body: ApiBody<'/periodic-reports/{id}/submissions', 'post'>) =>
    apiClient.post('/periodic-reports/{id}/submissions', { params: { id }, body }),
  rollup: (id: number, from: string, to: string) => apiClient.get('/periodic-reports/{id}/rollup', { params: { id }, query: { from, to } }),
};

export const rollupExportHref = (id: number, from: string, to: string) =>
  `/api/v1/periodic-reports/${id}/rollup/export?${new URLSearchParams({ from, to }).toString()}`;

export const STATUS_COLORS: Record<SlotStatus, string> = { on_time: 'green', late: 'orange', pending: 'blue', missing: 'red' };

/** 12月7日 17:00 (Shanghai) of an ISO instant. */
export function shanghaiTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
}
