import { api } from './client.ts';
import type {
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

/** Some list routes answer a bare array, others {items,total}; the console accepts both. */
export function itemsOf<T>(value: T[] | { items: T[] } | undefined | null): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.items;
}
