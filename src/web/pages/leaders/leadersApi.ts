import { api } from '../../api/client.ts';

/** Console client of the leaders' work routes (包案, 接访日, 接访记录). */
export interface LeaderCase {
  workItemId: number;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  ownerUnitName: string;
  nearestDue: string | null;
  listed: boolean;
  backlogOpen: boolean;
  assignedAt: string;
  href: string;
}
export interface LeaderCases {
  leader: { id: number; name: string; title: string };
  items: LeaderCase[];
}
export interface ReceptionDay {
  id: number;
  leaderId: number;
  leaderName: string;
  leaderTitle: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  topic: string;
  published: boolean;
}
export type ReceptionDayInput = Omit<ReceptionDay, 'id' | 'leaderName' | 'leaderTitle'>;
export interface ReceptionRecord {
  id: number;
  leaderId: number;
  leaderName: string;
  kind: 'reception' | 'down_visit' | 'appointment';
  kindName: string;
  date: string;
  place: string;
  summary: string;
  batches: number;
  persons: number;
  recordedByName: string;
  cases: { workItemId: number; refNo: string; title: string }[];
}

export const leadersApi = {
  leaders: () => api.get<{ items: { id: number; name: string; title: string; userId?: number | null }[] }>('/leaders'),
  myCases: (open?: boolean) => api.get<LeaderCases>('/my/leader-cases', open === undefined ? {} : { open }),
  cases: (leaderId: number, open?: boolean) => api.get<LeaderCases>(`/leaders/${leaderId}/cases`, open === undefined ? {} : { open }),
  days: (from: string, to: string) => api.get<{ items: ReceptionDay[] }>('/reception-days', { from, to }),
  createDay: (body: ReceptionDayInput) => api.post<ReceptionDay>('/reception-days', body),
  updateDay: (id: number, body: Partial<ReceptionDayInput>) => api.patch<ReceptionDay>(`/reception-days/${id}`, body),
  deleteDay: (id: number) => api.del<{ ok: true }>(`/reception-days/${id}`),
  records: (query: { leaderId?: number; from?: string; to?: string }) => api.get<{ items: ReceptionRecord[] }>('/reception-records', query),
  createRecord: (body: { leaderId: number; kind: ReceptionRecord['kind']; date: string; place: string; summary: string; batches: number; persons: number; workItemIds: number[] }) => api.post<{ id: number }>('/reception-records', body),
};
