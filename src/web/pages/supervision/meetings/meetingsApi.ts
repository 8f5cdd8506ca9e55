import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../../api/typed.ts';

export type MeetingList = ApiOk<'/supervision/meetings'>;
export type MeetingRow = MeetingList['items'][number];
export type MeetingDetail = ApiOk<'/supervision/meetings/{id}'>;
export type MeetingDecision = MeetingDetail['decisions'][number];
export type MeetingOptions = ApiOk<'/supervision/meeting-options'>;
export type MeetingBody = ApiBody<'/supervision/meetings', 'post'>;
export type DecisionBody = ApiBody<'/supervision/meetings/{id}/decisions', 'post'>;
export type EditBody = ApiBody<'/supervision/meetings/{id}/edit', 'post'>;
export type MeetingHistory = ApiOk<'/supervision/meetings/{id}/history'>['items'];
export type MeetingQuery = ApiQuery<'/supervision/meetings'>;

/** 会议's calls over the generated API types. */
export const meetingsApi = {
  list: (query: MeetingQuery) => apiClient.get('/supervision/meetings', { query }),
  options: () => apiClient.get('/supervision/meeting-options'),
  get: (id: number) => apiClient.get('/supervision/meetings/{id}', { params: { id } }),
  create: (body: MeetingBody) => apiClient.post('/supervision/meetings', { body }),
  addDecision: (id: number, body: DecisionBody) => apiClient.post('/supervision/meetings/{id}/decisions', { params: { id }, body }),
  withdraw: (id: number, decisionId: number, reason: string) =>
    apiClient.post('/supervision/meetings/{id}/decisions/{decisionId}/withdraw', { params: { id, decisionId }, body: { reason } }),
  edit: (id: number, body: EditBody) => apiClient.post('/supervision/meetings/{id}/edit', { params: { id }, body }),
  history: (id: number) => apiClient.get('/supervision/meetings/{id}/history', { params: { id } }),
  withdrawTask: (id: number, decisionId: number, taskId: number, reason: string) =>
    apiClient.post('/supervision/meetings/{id}/decisions/{decisionId}/tasks/{taskId}/withdraw', { params: { id, decisionId, taskId }, body: { reason } }),
  issue: (id: number) => apiClient.post('/supervision/meetings/{id}/minutes', { params: { id } }),
  decisionMeeting: (id: number) => apiClient.get('/supervision/meeting-decisions/{id}', { params: { id } }),
  itemMeetings: (id: number) => apiClient.get('/work-items/{id}/meetings', { params: { id } }),
};

export const minutesHref = (id: number) => `/api/v1/supervision/meetings/${id}/minutes.docx`;
export const meetingsExportHref = (q: Record<string, string>) => `/api/v1/supervision/meetings/export.xlsx?${new URLSearchParams(q).toString()}`;
