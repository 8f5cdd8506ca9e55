import { api } from '../../api/client.ts';
import type { WarningLevel } from '../../api/types.ts';

/** Mirrors of GET /api/v1/work-items/{id} (src/server/modules/workitems/routes.ts). */
export interface WorkItemDeadline {
  id: number;
  label: string;
  ruleKey: string;
  ruleName: string | null;
  ruleSource: string | null;
  ruleAmount: number | null;
  ruleUnit: string | null;
  province: string;
  startDate: string;
  dueDate: string | null;
  dueAt: string | null;
  status: string;
  statusName: string;
  provisional: boolean;
  missingYears: number[];
  warningLevel: WarningLevel;
  explanation: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  label: string;
  detail: string;
  actorName: string;
  deadlineId: number | null;
  deadlineLabel: string | null;
  amount: number | null;
  unit: string | null;
  reason: string | null;
  approverName: string | null;
  auditSeq: number | null;
}

export interface WorkItemDetail {
  id: number;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  createdAt: string;
  updatedAt: string;
  ownerUnit: { id: number; name: string };
  assignee: { id: number; name: string } | null;
  leader: { id: number; name: string; title: string } | null;
  deadlines: WorkItemDeadline[];
  timeline: TimelineEntry[];
}

export const workItemApi = {
  get: (id: number) => api.get<WorkItemDetail>(`/work-items/${id}`),
};
