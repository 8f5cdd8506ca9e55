import { apiClient as c, type ApiBody, type ApiOk, type ApiQuery } from '../../api/typed.ts';

/** Console client of the leaders' work routes (包案, 接访日, 接访记录); shapes from the generated OpenAPI types. */
export type LeaderCases = ApiOk<'/my/leader-cases'>;
export type LeaderCase = LeaderCases['items'][number];
export type ReceptionDay = ApiOk<'/reception-days'>['items'][number];
export type ReceptionDayInput = ApiBody<'/reception-days', 'post'>;
export type ReceptionDayPatch = ApiBody<'/reception-days/{id}', 'patch'>;
export type ReceptionRecord = ApiOk<'/reception-records'>['items'][number];
export type ReceptionRecordInput = ApiBody<'/reception-records', 'post'>;

export const leadersApi = {
  leaders: () => c.get('/leaders'),
  myCases: (query: ApiQuery<'/my/leader-cases'>) => c.get('/my/leader-cases', { query }),
  cases: (id: number, query: ApiQuery<'/leaders/{id}/cases'>) => c.get('/leaders/{id}/cases', { params: { id }, query }),
  days: (from: string, to: string) => c.get('/reception-days', { query: { from, to } }),
  createDay: (body: ReceptionDayInput) => c.post('/reception-days', { body }),
  updateDay: (id: number, body: ReceptionDayPatch) => c.patch('/reception-days/{id}', { params: { id }, body }),
  deleteDay: (id: number) => c.delete('/reception-days/{id}', { params: { id } }),
  records: (query: ApiQuery<'/reception-records'>) => c.get('/reception-records', { query }),
  createRecord: (body: ReceptionRecordInput) => c.post('/reception-records', { body }),
};
