import { apiClient as c, type ApiBody, type ApiOk, type ApiQuery } from '../../api/typed.ts';

/** Console client of the kernel 督办 routes (/work-items/{id}/supervision, /supervision/*); shapes from the generated OpenAPI types. */
export type SupervisionView = ApiOk<'/work-items/{id}/supervision'>;
export type NoticeView = SupervisionView['notices'][number];
export type BacklogView = SupervisionView['backlog'][number];
export type ListedItem = ApiOk<'/supervision/listed'>['items'][number];
export type BacklogRow = ApiOk<'/supervision/backlog'>['items'][number];
export type NoticeRow = ApiOk<'/supervision/notices'>['items'][number];
export type ItemRef = BacklogRow['item'];
export type AssistanceView = ApiOk<'/work-items/{id}/assistance'>['items'][number];
export type NoticeInput = ApiBody<'/work-items/{id}/supervision/notices', 'post'>;
export type BacklogInput = ApiBody<'/work-items/{id}/supervision/backlog', 'post'>;
export type AssistanceInput = ApiBody<'/work-items/{id}/assistance', 'post'>;

const p = (id: number) => ({ params: { id } });

export const supervisionApi = {
  get: (id: number) => c.get('/work-items/{id}/supervision', p(id)),
  issueNotice: (id: number, body: NoticeInput) => c.post('/work-items/{id}/supervision/notices', { ...p(id), body }),
  replyNotice: (id: number, noticeId: number, text: string) =>
    c.post('/work-items/{id}/supervision/notices/{noticeId}/reply', { params: { id, noticeId }, body: { text } }),
  list: (id: number, reason: string) => c.post('/work-items/{id}/supervision/listing', { ...p(id), body: { reason } }),
  delist: (id: number, reason: string) => c.post('/work-items/{id}/supervision/delisting', { ...p(id), body: { reason } }),
  instruct: (id: number, text: string) => c.post('/work-items/{id}/supervision/instructions', { ...p(id), body: { text } }),
  requestInstruction: (id: number, leaderId: number, question: string) =>
    c.post('/work-items/{id}/supervision/instruction-requests', { ...p(id), body: { leaderId, question } }),
  awaitingInstruction: () => c.get('/my/instruction-requests'),
  /** the county leaders who can answer in the system (an account, not disabled) */
  instructingLeaders: async () => (await c.get('/leaders', { query: {} })).items.filter((l) => !l.disabled && l.userId !== null),
  openBacklog: (id: number, body: BacklogInput) => c.post('/work-items/{id}/supervision/backlog', { ...p(id), body }),
  reportBacklog: (id: number, result: string) => c.post('/work-items/{id}/supervision/backlog/result', { ...p(id), body: { result } }),
  closeBacklog: (id: number, note: string) => c.post('/work-items/{id}/supervision/backlog/close', { ...p(id), body: { note } }),
  listed: (query: ApiQuery<'/supervision/listed'>) => c.get('/supervision/listed', { query }),
  backlog: (query: ApiQuery<'/supervision/backlog'>) => c.get('/supervision/backlog', { query }),
  notices: (query: ApiQuery<'/supervision/notices'>) => c.get('/supervision/notices', { query }),
  assistance: (id: number) => c.get('/work-items/{id}/assistance', p(id)),
  addAssistance: (id: number, body: AssistanceInput) => c.post('/work-items/{id}/assistance', { ...p(id), body }),
};

/** Where the console opens an item: 信访 records on /xf/:id, others on the kernel detail. */
export const itemHref = (item: Pick<ItemRef, 'workItemId' | 'module'>) =>
  item.module === 'petition' ? `/xf/${item.workItemId}` : `/work-items/${item.workItemId}`;
export const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
