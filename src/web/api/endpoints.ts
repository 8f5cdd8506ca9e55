import { api } from './client.ts';
import type {
  AuditEvent,
  AuditVerifyResult,
  AuditVocabulary,
  NotificationPage,
  WarningThresholds,
  CalendarDay,
  CalendarStatus,
  CalendarYear,
  CalendarYearInput,
  CreateUserResult,
  LegalRule,
  Leader,
  LeaderInput,
  LoginResult,
  MeResult,
  Paged,
  Role,
  RoleInfo,
  RuleInput,
  StaffUser,
  TodoResult,
  Unit,
  UnitInput,
  UnitDetail,
  SetUnitMembersInput,
  WarningLevel,
} from './types.ts';

/** Typed wrappers around the HTTP API (one function per route the console uses). */
export const authApi = {
  login: (username: string, password: string) => api.post<LoginResult>('/auth/login', { username, password }, { quiet401: true }),
  logout: () => api.post<unknown>('/auth/logout'),
  me: () => api.get<MeResult>('/auth/me', undefined, { quiet401: true }),
  changePassword: (oldPassword: string, newPassword: string) => api.post<unknown>('/auth/password', { oldPassword, newPassword }),
};

export interface TodoQuery {
  scope: 'mine' | 'unit';
  page: number;
  pageSize: number;
  /** due = nearest deadline first; created = oldest registration first */
  sort?: 'due' | 'created';
  warning?: WarningLevel;
}

export const todoApi = {
  list: (q: TodoQuery) => api.get<TodoResult>('/my/todo', { ...q }),
};

export const unitApi = {
  list: () => api.get<Unit[] | Paged<Unit>>('/units', { includeDisabled: true }),
  create: (input: UnitInput) => api.post<Unit>('/units', input),
  update: (id: number, patch: Partial<Omit<UnitInput, 'kind' | 'parentId'>> & { disabled?: boolean }) => api.patch<Unit>(`/units/${id}`, patch),
  get: (id: number) => api.get<UnitDetail>(`/units/${id}`),
  setMembers: (id: number, input: SetUnitMembersInput) =>
    api.put<{ members: { id: number; name: string; duty: string | null }[] }>(`/units/${id}/members`, input),
};

export const leaderApi = {
  list: () => api.get<Leader[] | Paged<Leader>>('/leaders', { includeDisabled: true }),
  create: (input: LeaderInput) => api.post<Leader>('/leaders', input),
  update: (id: number, patch: Partial<LeaderInput> & { disabled?: boolean }) => api.patch<Leader>(`/leaders/${id}`, patch),
};

export interface UserQuery {
  unitId?: number;
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface UserInput {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password?: string;
}

export const userApi = {
  list: (q: UserQuery) => api.get<Paged<StaffUser>>('/users', { ...q }),
  create: (input: UserInput) => api.post<CreateUserResult>('/users', input),
  update: (id: number, patch: Partial<Omit<UserInput, 'password' | 'username'>> & { disabled?: boolean }) =>
    api.patch<StaffUser>(`/users/${id}`, patch),
  resetPassword: (id: number) => api.post<{ password: string }>(`/users/${id}/reset-password`),
  unlock: (id: number) => api.post<unknown>(`/users/${id}/unlock`),
  roles: () => api.get<RoleInfo[] | Paged<RoleInfo>>('/roles'),
};

export const calendarApi = {
  years: () => api.get<CalendarYear[]>('/calendar/years'),
  days: (year: number) => api.get<CalendarDay[] | { year: number; source: string | null; loaded: boolean; days: CalendarDay[] }>('/calendar/days', { year }),
  status: () => api.get<CalendarStatus>('/calendar/status'),
  loadYear: (input: CalendarYearInput) =>
    api.post<{ year: number; replaced: boolean; days: number; recompute: { checked: number; changedCount: number } }>('/calendar/years', input),
};

export const ruleApi = {
  list: () => api.get<LegalRule[]>('/rules'),
  update: (key: string, input: RuleInput) =>
    api.put<LegalRule & { recompute?: { checked: number; changedCount: number } }>(`/rules/${encodeURIComponent(key)}`, input),
};

export interface AuditQuery {
  /** exact code, or a prefix ending in '.*' */
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  /** part of the actor's name */
  actor?: string;
  /** YYYY-MM-DD (Shanghai day) or ISO instant, both inclusive */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const auditApi = {
  events: (q: AuditQuery) => api.get<Paged<AuditEvent>>('/audit/events', { ...q }),
  vocabulary: () => api.get<AuditVocabulary>('/audit/vocabulary'),
  verify: () => api.post<AuditVerifyResult>('/audit/verify'),
};

export const notificationApi = {
  list: (q: { unread?: boolean; page: number; pageSize: number }) => api.get<NotificationPage>('/my/notifications', { ...q }),
  unreadCount: () => api.get<{ unread: number }>('/my/notifications/unread-count'),
  markRead: (id: number) => api.post<{ id: number; readAt: string }>(`/my/notifications/${id}/read`),
  markAllRead: () => api.post<{ marked: number }>('/my/notifications/read-all'),
};

export const settingsApi = {
  deadlineWarning: () => api.get<WarningThresholds>('/settings/deadline-warning'),
  saveDeadlineWarning: (t: WarningThresholds) => api.put<WarningThresholds>('/settings/deadline-warning', t),
};

/** Some list routes answer a bare array, others {items,total}; the console accepts both. */
export function itemsOf<T>(value: T[] | { items: T[] } | undefined | null): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.items;
}
