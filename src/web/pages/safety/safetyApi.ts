import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../api/typed.ts';

export type HazardList = ApiOk<'/safety/hazards'>;
export type HazardRow = HazardList['items'][number];
export type HazardDetail = ApiOk<'/safety/hazards/{id}'>;
export type EnterpriseList = ApiOk<'/safety/enterprises'>;
export type EnterpriseRow = EnterpriseList['items'][number];
export type EnterpriseDetail = ApiOk<'/safety/enterprises/{id}'>;
export type EnterpriseInput = ApiBody<'/safety/enterprises', 'post'>;
export type Sector = ApiOk<'/safety/sectors'>['items'][number];
export type RevealField = ApiBody<'/safety/enterprises/{id}/reveal', 'post'>['field'];

/** 安全生产's calls (隐患台账, 企业登记册) over the generated API types. */
export const safetyApi = {
  hazards: (query: ApiQuery<'/safety/hazards'>) => apiClient.get('/safety/hazards', { query }),
  hazard: (id: number) => apiClient.get('/safety/hazards/{id}', { params: { id } }),
  act: (id: number, action: string, body: Record<string, unknown>) => apiClient.post('/safety/hazards/{id}/actions/{action}', { params: { id, action }, body }),
  reportUpward: (id: number, reportId: number, body: { content?: string; reportedOn?: string }) =>
    apiClient.post('/safety/hazards/{id}/upward-reports/{reportId}', { params: { id, reportId }, body }),
  issueDocument: (id: number, kind: string) => apiClient.post('/safety/hazards/{id}/documents', { params: { id }, body: { kind } }),
  enterprises: (query: ApiQuery<'/safety/enterprises'>) => apiClient.get('/safety/enterprises', { query }),
  enterprise: (id: number) => apiClient.get('/safety/enterprises/{id}', { params: { id } }),
  sectors: () => apiClient.get('/safety/sectors'),
  createEnterprise: (body: EnterpriseInput) => apiClient.post('/safety/enterprises', { body }),
  updateEnterprise: (id: number, body: EnterpriseInput) => apiClient.put('/safety/enterprises/{id}', { params: { id }, body }),
  reveal: (id: number, field: RevealField, reason: string) => apiClient.post('/safety/enterprises/{id}/reveal', { params: { id }, body: { field, reason } }),
  createAccount: (id: number, body: { username: string; displayName: string }) => apiClient.post('/safety/enterprises/{id}/accounts', { params: { id }, body }),
};

/** The same-origin link of a list's Excel export with its current filters. */
export function exportLink(path: string, filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return `/api/v1${path}${q.size ? `?${q}` : ''}`;
}
