import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../api/typed.ts';

export type RiskList = ApiOk<'/risk/assessments'>;
export type RiskRow = RiskList['items'][number];
export type RiskDetail = ApiOk<'/risk/assessments/{id}'>;
export type RiskOptions = ApiOk<'/risk/options'>;
export type RiskInput = ApiBody<'/risk/assessments', 'post'>;

/** 稳评's calls over the generated API types. */
export const riskApi = {
  list: (query: ApiQuery<'/risk/assessments'>) => apiClient.get('/risk/assessments', { query }),
  get: (id: number) => apiClient.get('/risk/assessments/{id}', { params: { id } }),
  options: () => apiClient.get('/risk/options'),
  create: (body: RiskInput) => apiClient.post('/risk/assessments', { body }),
  act: (id: number, action: string, body: Record<string, unknown>) =>
    apiClient.post('/risk/assessments/{id}/actions/{action}', { params: { id, action }, body }),
  attachments: (id: number) => apiClient.get('/work-items/{id}/attachments', { params: { id } }),
};

/** The Excel export of the list under the same filters. */
export function exportLink(path: string, filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return `/api/v1${path}${q.size ? `?${q}` : ''}`;
}

export type RiskSettings = ApiOk<'/risk/settings'>;
export type RiskStepsInput = ApiBody<'/risk/settings/steps', 'put'>;
export type RiskArchiveInput = ApiBody<'/risk/settings/archive', 'put'>;
export type RiskTargetInput = ApiBody<'/risk/settings/target', 'put'>;

/** 稳评设置 (县维稳办, the administrator). */
export const riskSettingsApi = {
  get: () => apiClient.get('/risk/settings'),
  saveSteps: (body: RiskStepsInput) => apiClient.put('/risk/settings/steps', { body }),
  saveArchive: (body: RiskArchiveInput) => apiClient.put('/risk/settings/archive', { body }),
  saveTarget: (body: RiskTargetInput) => apiClient.put('/risk/settings/target', { body }),
};
