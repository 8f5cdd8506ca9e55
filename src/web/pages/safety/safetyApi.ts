import { apiClient, type ApiOk, type ApiQuery } from '../../api/typed.ts';

export type HazardList = ApiOk<'/safety/hazards'>;
export type HazardRow = HazardList['items'][number];
export type HazardDetail = ApiOk<'/safety/hazards/{id}'>;
export type EnterpriseList = ApiOk<'/safety/enterprises'>;
export type EnterpriseRow = EnterpriseList['items'][number];

/** 安全生产's calls (隐患台账, 企业登记册) over the generated API types. */
export const safetyApi = {
  hazards: (query: ApiQuery<'/safety/hazards'>) => apiClient.get('/safety/hazards', { query }),
  hazard: (id: number) => apiClient.get('/safety/hazards/{id}', { params: { id } }),
  act: (id: number, action: string, body: Record<string, unknown>) => apiClient.post('/safety/hazards/{id}/actions/{action}', { params: { id, action }, body }),
  issueDocument: (id: number, kind: string) => apiClient.post('/safety/hazards/{id}/documents', { params: { id }, body: { kind } }),
  enterprises: (query: ApiQuery<'/safety/enterprises'>) => apiClient.get('/safety/enterprises', { query }),
  enterprise: (id: number) => apiClient.get('/safety/enterprises/{id}', { params: { id } }),
};

/** The same-origin link of a list's Excel export with its current filters. */
export function exportLink(path: string, filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return `/api/v1${path}${q.size ? `?${q}` : ''}`;
}
