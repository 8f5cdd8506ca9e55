import { apiClient, type ApiBody, type ApiOk } from '../../../api/typed.ts';

export type ActionList = ApiOk<'/supervision/actions'>;
export type ActionRow = ActionList['items'][number];
export type ActionDetail = ApiOk<'/supervision/actions/{id}'>;
export type ActionItem = ActionDetail['items'][number];
export type ActionBody = ApiBody<'/supervision/actions', 'post'>;
export type ItemsBody = ApiBody<'/supervision/actions/{id}/items', 'post'>;
export type DispatchBody = ApiBody<'/supervision/actions/{id}/dispatches', 'post'>;
export type ImportBody = ApiBody<'/supervision/actions/{id}/items/import', 'post'>;
export type ImportResult = ApiOk<'/supervision/actions/{id}/items/import', 'post'>;
export type Briefing = ActionDetail['briefings'][number];
export type ActionStatusCode = ApiBody<'/supervision/actions/{id}/status', 'post'>['status'];

/** 专项行动's calls over the generated API types. */
export const actionsApi = {
  list: () => apiClient.get('/supervision/actions'),
  options: () => apiClient.get('/supervision/action-options'),
  get: (id: number) => apiClient.get('/supervision/actions/{id}', { params: { id } }),
  create: (body: ActionBody) => apiClient.post('/supervision/actions', { body }),
  addItems: (id: number, body: ItemsBody) => apiClient.post('/supervision/actions/{id}/items', { params: { id }, body }),
  dispatch: (id: number, body: DispatchBody) => apiClient.post('/supervision/actions/{id}/dispatches', { params: { id }, body }),
  importItems: (id: number, body: ImportBody) => apiClient.post('/supervision/actions/{id}/items/import', { params: { id }, body }),
  issueBriefing: (id: number) => apiClient.post('/supervision/actions/{id}/briefings', { params: { id } }),
  setStatus: (id: number, status: ActionStatusCode) => apiClient.post('/supervision/actions/{id}/status', { params: { id }, body: { status } }),
};

export const itemsExportHref = (id: number) => `/api/v1/supervision/actions/${id}/items.xlsx`;
export const itemsTemplateHref = (id: number) => `/api/v1/supervision/actions/${id}/items/template.xlsx`;
export const briefingHref = (id: number, briefingId: number) => `/api/v1/supervision/actions/${id}/briefings/${briefingId}/docx`;
