import { api } from '../../api/client.ts';

/** Console client of the kernel 督办 routes (/work-items/{id}/supervision, /supervision/*). */
export interface ItemRef {
  workItemId: number;
  module: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  ownerUnitName: string;
}

export interface NoticeView {
  id: number;
  workItemId: number;
  level: 'county' | 'township';
  text: string;
  issuedByName: string;
  issuedAt: string;
  ruleKey: string;
  replyDue: string;
  overdue: boolean;
  replyText: string | null;
  repliedByName: string | null;
  repliedAt: string | null;
}

export interface BacklogView {
  id: number;
  workItemId: number;
  plan: string;
  leaderId: number | null;
  leaderName: string | null;
  unitId: number;
  unitName: string;
  dueDate: string;
  createdByName: string;
  createdAt: string;
  resultText: string | null;
  resultById: number | null;
  resultByName: string | null;
  resultAt: string | null;
  closedByName: string | null;
  closedAt: string | null;
  closeNote: string | null;
}

export interface SupervisionView {
  workItemId: number;
  listed: boolean;
  listings: { id: number; reason: string; listedByName: string; listedAt: string; delistReason: string | null; delistedByName: string | null; delistedAt: string | null }[];
  notices: NoticeView[];
  backlog: BacklogView[];
  instructions: { id: number; leaderName: string | null; authorName: string; text: string; at: string }[];
  allowed: Record<'issueCountyNotice' | 'issueTownshipNotice' | 'replyNotice' | 'list' | 'delist' | 'instruct' | 'openBacklog' | 'reportBacklog' | 'closeBacklog' | 'recordAssistance', boolean>;
}

export interface ListedItem extends ItemRef {
  listingId: number;
  reason: string;
  listedAt: string;
  listedByName: string;
}

export interface AssistanceView {
  id: number;
  kind: 'relief' | 'psych';
  kindName: string;
  agency: string;
  description: string;
  amount: number | null;
  date: string;
  recordedByName: string;
  recordedAt: string;
}

type Page<T> = { items: T[]; total: number };
const base = (id: number) => `/work-items/${id}/supervision`;

export const supervisionApi = {
  get: (id: number) => api.get<SupervisionView>(base(id)),
  issueNotice: (id: number, body: { level: 'county' | 'township'; text: string }) => api.post<{ id: number; replyDue: string }>(`${base(id)}/notices`, body),
  replyNotice: (id: number, noticeId: number, text: string) => api.post<{ ok: true }>(`${base(id)}/notices/${noticeId}/reply`, { text }),
  list: (id: number, reason: string) => api.post<{ ok: true }>(`${base(id)}/listing`, { reason }),
  delist: (id: number, reason: string) => api.post<{ ok: true }>(`${base(id)}/delisting`, { reason }),
  instruct: (id: number, text: string) => api.post<{ id: number }>(`${base(id)}/instructions`, { text }),
  openBacklog: (id: number, body: { plan: string; leaderId: number | null; unitId: number; dueDate: string }) => api.post<{ id: number }>(`${base(id)}/backlog`, body),
  reportBacklog: (id: number, result: string) => api.post<{ ok: true }>(`${base(id)}/backlog/result`, { result }),
  closeBacklog: (id: number, note: string) => api.post<{ ok: true }>(`${base(id)}/backlog/close`, { note }),
  listed: (page: number, pageSize: number, f: ListFilter = {}) => api.get<Page<ListedItem>>('/supervision/listed', { ...f, page, pageSize }),
  backlog: (status: 'open' | 'closed' | 'all', page: number, pageSize: number, f: ListFilter = {}) => api.get<Page<BacklogView & { item: ItemRef }>>('/supervision/backlog', { ...f, status, page, pageSize }),
  notices: (status: 'pending' | 'overdue' | 'all', page: number, pageSize: number, f: ListFilter = {}) => api.get<Page<NoticeView & { item: ItemRef }>>('/supervision/notices', { ...f, status, page, pageSize }),
  assistance: (id: number) => api.get<{ items: AssistanceView[] }>(`/work-items/${id}/assistance`),
  addAssistance: (id: number, body: { kind: 'relief' | 'psych'; agency: string; description: string; amount: number | null; date: string }) => api.post<{ id: number }>(`/work-items/${id}/assistance`, body),
};

/** 编号/标题 search and date order of the 督办 lists (the same parameters go to their Excel exports). */
export interface ListFilter {
  q?: string;
  order?: 'asc' | 'desc';
}

/** Where the console opens an item: 信访 records on /xf/:id, others on the kernel detail. */
export const itemHref = (item: Pick<ItemRef, 'workItemId' | 'module'>) => (item.module === 'petition' ? `/xf/${item.workItemId}` : `/work-items/${item.workItemId}`);
export const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
