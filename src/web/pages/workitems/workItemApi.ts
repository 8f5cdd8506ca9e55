import { apiClient, type ApiOk } from '../../api/typed.ts';

/** GET /api/v1/work-items/{id}, typed from the generated OpenAPI types. */
export type WorkItemDetail = ApiOk<'/work-items/{id}'>;
export type WorkItemDeadline = WorkItemDetail['deadlines'][number];
export type TimelineEntry = WorkItemDetail['timeline'][number];

export const workItemApi = {
  get: (id: number) => apiClient.get('/work-items/{id}', { params: { id } }),
};
