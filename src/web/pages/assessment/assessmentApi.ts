import { apiClient, type ApiBody, type ApiOk } from '../../api/typed.ts';

export type PeriodRow = ApiOk<'/assessment/periods'>['rows'][number];
export type PeriodDetail = ApiOk<'/assessment/periods/{id}'>;
export type IndicatorRow = ApiOk<'/assessment/indicators'>['rows'][number];
export type PeriodItems = ApiOk<'/assessment/periods/{id}/items'>;
export type NoticeDetail = ApiOk<'/assessment/notices/{id}'>;
export type AccountabilityList = ApiOk<'/accountability'>;
export type IndicatorInput = ApiBody<'/assessment/indicators', 'post'>;
export type Sources = ApiOk<'/assessment/sources'>;
export type AccountabilityInput = ApiBody<'/accountability', 'post'>;

/** 考核 and 问责 calls over the generated API types. */
export const assessmentApi = {
  periods: () => apiClient.get('/assessment/periods'),
  period: (id: number) => apiClient.get('/assessment/periods/{id}', { params: { id } }),
  createPeriod: (body: ApiBody<'/assessment/periods', 'post'>) => apiClient.post('/assessment/periods', { body }),
  compute: (id: number) => apiClient.post('/assessment/periods/{id}/compute', { params: { id } }),
  publish: (id: number) => apiClient.post('/assessment/periods/{id}/publish', { params: { id } }),
  items: (id: number, query: { indicatorId: number; unitId: number; part: 'numerator' | 'denominator'; page?: number; pageSize?: number }) =>
    apiClient.get('/assessment/periods/{id}/items', { params: { id }, query }),
  indicators: () => apiClient.get('/assessment/indicators'),
  sources: () => apiClient.get('/assessment/sources'),
  excludedUnits: () => apiClient.get('/assessment/excluded-units'),
  setExcludedUnits: (body: ApiBody<'/assessment/excluded-units', 'put'>) => apiClient.put('/assessment/excluded-units', { body }),
  createIndicator: (body: IndicatorInput) => apiClient.post('/assessment/indicators', { body }),
  updateIndicator: (id: number, body: IndicatorInput) => apiClient.put('/assessment/indicators/{id}', { params: { id }, body }),
  issueNotice: (id: number) => apiClient.post('/assessment/periods/{id}/notice', { params: { id } }),
  notice: (id: number) => apiClient.get('/assessment/notices/{id}', { params: { id } }),
  confirmRead: (id: number) => apiClient.post('/assessment/notices/{id}/read', { params: { id } }),
  remind: (id: number) => apiClient.post('/assessment/notices/{id}/remind', { params: { id } }),
  accountability: (query: { id?: number; workItemId?: number; page?: number; pageSize?: number }) => apiClient.get('/accountability', { query }),
  recordAccountability: (body: AccountabilityInput) => apiClient.post('/accountability', { body }),
};

export const noticeFileUrl = (id: number) => `/api/v1/assessment/notices/${id}/file`;
