import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../api/typed.ts';

export type DisputeList = ApiOk<'/disputes'>;
export type DisputeRow = DisputeList['items'][number];
export type DisputeDetail = ApiOk<'/disputes/{id}'>;
export type DisputeInput = ApiBody<'/disputes', 'post'>;
export type DisputeOptions = ApiOk<'/disputes/options'>;
export type CampaignRow = ApiOk<'/disputes/campaigns'>['items'][number];
export type CampaignDetail = ApiOk<'/disputes/campaigns/{id}'>;
export type CampaignInput = ApiBody<'/disputes/campaigns', 'post'>;
export type RevealField = ApiBody<'/disputes/{id}/parties/{pid}/reveal', 'post'>['field'];

/** 矛盾纠纷's calls over the generated API types. */
export const disputesApi = {
  list: (query: ApiQuery<'/disputes'>) => apiClient.get('/disputes', { query }),
  get: (id: number) => apiClient.get('/disputes/{id}', { params: { id } }),
  options: () => apiClient.get('/disputes/options'),
  create: (body: DisputeInput) => apiClient.post('/disputes', { body }),
  act: (id: number, action: string, body: Record<string, unknown>) => apiClient.post('/disputes/{id}/actions/{action}', { params: { id, action }, body }),
  issueDocument: (id: number, kind: string) => apiClient.post('/disputes/{id}/documents', { params: { id }, body: { kind } }),
  reveal: (id: number, pid: number, field: RevealField, reason: string) =>
    apiClient.post('/disputes/{id}/parties/{pid}/reveal', { params: { id, pid }, body: { field, reason } }),
  campaigns: () => apiClient.get('/disputes/campaigns'),
  campaign: (id: number) => apiClient.get('/disputes/campaigns/{id}', { params: { id } }),
  createCampaign: (body: CampaignInput) => apiClient.post('/disputes/campaigns', { body }),
  report: (id: number, body: ApiBody<'/disputes/campaigns/{id}/reports', 'post'>) =>
    apiClient.post('/disputes/campaigns/{id}/reports', { params: { id }, body }),
};

export type DisputeTypeList = ApiOk<'/disputes/types'>;
export type DisputeTypeRow = DisputeTypeList['items'][number];
export type DisputeTypeInput = ApiBody<'/disputes/types', 'post'>;

/** 纠纷类型 (configuration kept by 县维稳办 and the administrator). */
export const disputeTypesApi = {
  list: () => apiClient.get('/disputes/types'),
  create: (body: DisputeTypeInput) => apiClient.post('/disputes/types', { body }),
  update: (id: number, body: DisputeTypeInput) => apiClient.put('/disputes/types/{id}', { params: { id }, body }),
  remove: (id: number) => apiClient.delete('/disputes/types/{id}', { params: { id } }),
  petitionCategories: () => apiClient.get('/petition-categories'),
};
