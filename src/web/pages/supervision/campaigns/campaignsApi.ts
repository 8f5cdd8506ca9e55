import { apiClient, type ApiBody, type ApiOk } from '../../../api/typed.ts';

export type CampaignList = ApiOk<'/supervision/campaigns'>;
export type CampaignRow = CampaignList['items'][number];
export type CampaignDetail = ApiOk<'/supervision/campaigns/{id}'>;
export type CampaignTarget = CampaignDetail['targets'][number];
export type PlanBody = ApiBody<'/supervision/campaigns', 'post'>;
export type RecordBody = ApiBody<'/supervision/campaigns/{id}/targets/{targetId}/records', 'post'>;
export type ResponseBody = ApiBody<'/supervision/campaigns/{id}/targets/{targetId}/responses', 'post'>;
export type DecisionBody = ApiBody<'/supervision/campaigns/{id}/responses/{responseId}/decision', 'post'>;

/** 督查 campaigns' calls over the generated API types. */
export const campaignsApi = {
  list: () => apiClient.get('/supervision/campaigns'),
  options: () => apiClient.get('/supervision/campaign-options'),
  get: (id: number) => apiClient.get('/supervision/campaigns/{id}', { params: { id } }),
  plan: (body: PlanBody) => apiClient.post('/supervision/campaigns', { body }),
  record: (id: number, targetId: number, body: RecordBody) =>
    apiClient.post('/supervision/campaigns/{id}/targets/{targetId}/records', { params: { id, targetId }, body }),
  issue: (id: number, summary: string | undefined) => apiClient.post('/supervision/campaigns/{id}/bulletin', { params: { id }, body: { summary } }),
  respond: (id: number, targetId: number, body: ResponseBody) =>
    apiClient.post('/supervision/campaigns/{id}/targets/{targetId}/responses', { params: { id, targetId }, body }),
  decide: (id: number, responseId: number, body: DecisionBody) =>
    apiClient.post('/supervision/campaigns/{id}/responses/{responseId}/decision', { params: { id, responseId }, body }),
};

export const bulletinHref = (id: number) => `/api/v1/supervision/campaigns/${id}/bulletin.docx`;
