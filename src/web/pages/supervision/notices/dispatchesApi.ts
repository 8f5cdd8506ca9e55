import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../../api/typed.ts';

export type DispatchList = ApiOk<'/supervision/dispatches'>;
export type DispatchRow = DispatchList['items'][number];
export type DispatchDetail = ApiOk<'/supervision/dispatches/{id}'>;
export type DispatchTask = DispatchDetail['tasks'][number];
export type IssueBody = ApiBody<'/supervision/dispatches', 'post'>;
export type TaskList = ApiOk<'/supervision/tasks'>;
export type TaskQuery = ApiQuery<'/supervision/tasks'>;
export type TaskDetail = ApiOk<'/supervision/tasks/{id}'>;
export type TaskStatus = DispatchTask['status'];

/** 督办通知 and 督办事项 calls over the generated API types. */
export const dispatchesApi = {
  list: (query: ApiQuery<'/supervision/dispatches'>) => apiClient.get('/supervision/dispatches', { query }),
  get: (id: number, status?: TaskStatus) => apiClient.get('/supervision/dispatches/{id}', { params: { id }, query: status ? { status } : {} }),
  /** where the user's notices may go (乡级督办: its own area) */
  issuer: () => apiClient.get('/supervision/dispatches/issuer'),
  issue: (body: IssueBody) => apiClient.post('/supervision/dispatches', { body }),
  void: (id: number, reason: string) => apiClient.post('/supervision/dispatches/{id}/void', { params: { id }, body: { reason } }),
  tasks: (query: TaskQuery) => apiClient.get('/supervision/tasks', { query }),
  task: (id: number) => apiClient.get('/supervision/tasks/{id}', { params: { id } }),
  act: (id: number, action: string, body: Record<string, unknown>) =>
    apiClient.post('/supervision/tasks/{id}/actions/{action}', { params: { id, action }, body }),
  /** existing items by their 编号 (the caller's own visibility) */
  findItems: (q: string) => apiClient.get('/work-items', { query: { q, pageSize: 10 } }),
};

export const dispatchDocxHref = (id: number) => `/api/v1/supervision/dispatches/${id}/document.docx`;
export const dispatchesExportHref = (q: Record<string, string>) => `/api/v1/supervision/dispatches/export.xlsx?${new URLSearchParams(q).toString()}`;
export const tasksExportHref = (q: Record<string, string>) => `/api/v1/supervision/tasks/export.xlsx?${new URLSearchParams(q).toString()}`;

/** The at-a-glance statuses in the order the office reads them, with their colours. */
export const STATUS_ORDER: readonly { key: TaskStatus; name: string; color: string }[] = [
  { key: 'done', name: '已销号', color: 'green' },
  { key: 'reported', name: '已反馈待核查', color: 'blue' },
  { key: 'late', name: '逾期未反馈', color: 'red' },
  { key: 'inProgress', name: '办理中', color: 'processing' },
  { key: 'notStarted', name: '未签收', color: 'orange' },
  { key: 'withdrawn', name: '已撤销', color: 'default' },
];
export const statusColor = (s: TaskStatus) => STATUS_ORDER.find((x) => x.key === s)?.color ?? 'default';
