import { apiClient as c, type ApiQuery } from './typed.ts';
import { downloadUrl } from './download.ts';
import type {
  CalendarYearInput,
  LeaderInput,
  LeaderPatch,
  RuleInput,
  SetUnitMembersInput,
  UnitInput,
  UnitPatch,
  UserInput,
  UserPatch,
  UserQuery,
  WarningThresholds,
} from './types.ts';

/** Typed wrappers around the HTTP API (one function per route the console uses); every shape comes from schema.gen.ts. */
export const authApi = {
  login: (username: string, password: string) => c.post('/auth/login', { body: { username, password }, quiet401: true }),
  logout: () => c.post('/auth/logout'),
  me: () => c.get('/auth/me', { quiet401: true }),
  changePassword: (oldPassword: string, newPassword: string) => c.post('/auth/password', { body: { oldPassword, newPassword } }),
};

export const todoApi = {
  list: (query: ApiQuery<'/my/todo'>) => c.get('/my/todo', { query }),
};

export const unitApi = {
  list: () => c.get('/units', { query: { includeDisabled: 'true' } }),
  create: (input: UnitInput) => c.post('/units', { body: input }),
  update: (id: number, patch: UnitPatch) => c.patch('/units/{id}', { params: { id }, body: patch }),
  get: (id: number) => c.get('/units/{id}', { params: { id } }),
  setMembers: (id: number, input: SetUnitMembersInput) => c.put('/units/{id}/members', { params: { id }, body: input }),
};

export const leaderApi = {
  list: () => c.get('/leaders', { query: { includeDisabled: 'true' } }),
  create: (input: LeaderInput) => c.post('/leaders', { body: input }),
  update: (id: number, patch: LeaderPatch) => c.patch('/leaders/{id}', { params: { id }, body: patch }),
};

export const userApi = {
  list: (query: UserQuery) => c.get('/users', { query }),
  create: (input: UserInput) => c.post('/users', { body: input }),
  update: (id: number, patch: UserPatch) => c.patch('/users/{id}', { params: { id }, body: patch }),
  resetPassword: (id: number) => c.post('/users/{id}/reset-password', { params: { id } }),
  unlock: (id: number) => c.post('/users/{id}/unlock', { params: { id } }),
  roles: () => c.get('/roles'),
};

export const calendarApi = {
  years: () => c.get('/calendar/years'),
  days: (year: number) => c.get('/calendar/days', { query: { year } }),
  status: () => c.get('/calendar/status'),
  loadYear: (input: CalendarYearInput) => c.post('/calendar/years', { body: input }),
};

export const ruleApi = {
  list: () => c.get('/rules'),
  update: (key: string, input: RuleInput) => c.put('/rules/{key}', { params: { key }, body: input }),
  /** the due date a rule gives from a day (not saved), with the rule it used */
  preview: (rule: string, from: string) => c.get('/deadlines/preview', { query: { rule, from } }),
};

export const auditApi = {
  events: (query: ApiQuery<'/audit/events'>) => c.get('/audit/events', { query }),
  vocabulary: () => c.get('/audit/vocabulary'),
  /** checkpoints: files exported by 导出检查点, as parsed JSON (the server checks their signatures) */
  verify: (checkpoints?: unknown[]) => c.post('/audit/verify', { body: checkpoints ? { checkpoints } : {} }),
  /** 导出检查点: a download link (GET, the session cookie goes along) */
  checkpointUrl: () => downloadUrl('/audit/checkpoint', {}),
};

export const notificationApi = {
  list: (query: ApiQuery<'/my/notifications'>) => c.get('/my/notifications', { query }),
  unreadCount: () => c.get('/my/notifications/unread-count'),
  markRead: (id: number) => c.post('/my/notifications/{id}/read', { params: { id } }),
  markAllRead: () => c.post('/my/notifications/read-all'),
};

export const settingsApi = {
  deadlineWarning: () => c.get('/settings/deadline-warning'),
  saveDeadlineWarning: (t: WarningThresholds) => c.put('/settings/deadline-warning', { body: t }),
};

/** Some list routes answer a bare array, others {items,total}; the console accepts both. */
export function itemsOf<T>(value: T[] | { items: T[] } | undefined | null): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.items;
}

/** 工作台: the figures of each role's first screen. */
export const workbenchApi = {
  get: () => c.get('/workbench'),
};

/** 经办人: whom my unit may name to handle an item, and naming them. */
export const assigneeApi = {
  candidates: (id: number) => c.get('/work-items/{id}/assignee-candidates', { params: { id } }),
  assign: (id: number, assigneeId: number, note?: string) => c.post('/work-items/{id}/assignee', { params: { id }, body: { assigneeId, note } }),
};

/** 常用筛选: my named filters of one console list (its URL query under a name). */
export const savedFilterApi = {
  list: (list: string) => c.get('/my/saved-filters', { query: { list } }),
  save: (list: string, name: string, query: string) => c.post('/my/saved-filters', { body: { list, name, query } }),
  remove: (id: number) => c.delete('/my/saved-filters/{id}', { params: { id } }),
};
