import { api } from './client.ts';
import type { Paged, WarningLevel } from './types.ts';
import type { TimelineEntry, WorkItemDeadline } from '../pages/workitems/workItemApi.ts';

/**
 * The 信访 API as the console uses it (mirrors src/server/modules/petitions/routes.ts, brief I §4–6).
 * Optional fields are ones the server may add later or leave out; the pages cope without them.
 */

export type PetitionChannel = 'letter' | 'visit' | 'phone' | 'online' | 'leader_mailbox' | 'upper';
export type MatterType = 'suggestion' | 'accusation' | 'appeal';
export type PetitionStage = 'initial' | 'fucha' | 'fuhe';
export type Urgency = 'normal' | 'urgent';
export type UpperLevel = 'national' | 'province' | 'city';
export type PetitionFlag = 'collective' | 'firstTime' | 'repeat' | 'skippedLevel' | 'lawRelated' | 'afterTermination' | 'evalOverdue';

export interface PetitionerInput {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

export interface RegisterPetitionInput {
  channel: PetitionChannel;
  visit?: { batches?: number; persons: number; representatives?: string[] };
  upper?: { level: UpperLevel; refNo: string; dueDate: string };
  petitioners: PetitionerInput[];
  anonymous?: boolean;
  matterType: MatterType;
  accusedUnitId?: number;
  categoryId: number;
  placeUnitId: number;
  title: string;
  content: string;
  urgency: Urgency;
  receivedAt?: string;
  skippedLevel?: boolean;
  lawRelated?: boolean;
}

export interface PetitionFlags {
  collective: boolean;
  firstTime: boolean;
  repeat: boolean;
  repeatOf?: number | { id: number; caseNo: string } | null;
  skippedLevel: boolean;
  lawRelated: boolean;
  afterTermination?: boolean;
  /** derived on read: the evaluation window passed without an evaluation */
  evalOverdue?: boolean;
}

export interface RegisterPetitionResult {
  id: number;
  caseNo: string;
  /** shown exactly once: the server keeps only its hash */
  queryCode: string;
  flags: PetitionFlags;
  state: string;
}

export interface RepeatCandidate {
  id: number;
  caseNo: string;
  title: string;
  state: string;
  stateName?: string;
  stage?: PetitionStage;
  receivedAt?: string;
  registeredAt?: string;
  createdAt?: string;
  similarity?: number;
  categoryName?: string;
}

export interface CategoryNode {
  id: number;
  name: string;
  /** a one-line explanation, when the tree carries one */
  description?: string | null;
  children?: CategoryNode[];
}

/** The kernel's presentation of a clock, the same as a work item's: the rule, its legal source, start date, status and warning. */
export type PetitionDeadline = WorkItemDeadline;

export interface PetitionerView {
  id: number;
  nameMasked: string;
  idNumberMasked?: string | null;
  phoneMasked?: string | null;
  address?: string | null;
}

export interface PetitionParty {
  id?: number;
  role: 'lead' | 'assist' | 'territorial' | 'leader';
  roleName?: string;
  unitId?: number | null;
  unitName?: string | null;
  leaderId?: number | null;
  leaderName?: string | null;
  name?: string | null;
  active?: boolean;
  assignedAt?: string;
}

export interface AllowedAction {
  code: string;
  name: string;
  /** JSON schema of the action's input (z.toJSONSchema on the server) */
  inputSchema?: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  items?: JsonSchema;
  description?: string;
  format?: string;
  anyOf?: JsonSchema[];
  default?: unknown;
}

export interface PetitionRef {
  id: number;
  caseNo: string;
  stage?: PetitionStage;
  state?: string;
  stateName?: string;
}

export interface PetitionDetail {
  id: number;
  workItemId?: number;
  caseNo: string;
  stage: PetitionStage;
  state: string;
  stateName: string;
  channel: PetitionChannel;
  matterType: MatterType;
  category: { id: number; path?: string[]; names?: string[]; name?: string } | null;
  title: string;
  content: string;
  placeUnit: { id: number; name: string } | null;
  accusedUnit?: { id: number; name: string } | null;
  urgency: Urgency;
  visit?: { batches?: number; persons: number; representatives?: string[] } | null;
  upper?: { level: UpperLevel; refNo: string; dueDate: string } | null;
  flags: PetitionFlags;
  anonymous?: boolean;
  petitioners: PetitionerView[];
  parties: PetitionParty[];
  deadlines: PetitionDeadline[];
  decisions?: Record<string, unknown> | null;
  links?: { reviewOf?: PetitionRef | number | null; reviews?: (PetitionRef | number)[] } | null;
  allowedActions: AllowedAction[];
  timeline: TimelineEntry[];
  receivedAt?: string;
  createdAt?: string;
}

export interface PetitionListItem {
  id: number;
  caseNo: string;
  stage?: PetitionStage;
  channel: PetitionChannel;
  matterType?: MatterType;
  title: string;
  placeUnit?: { id: number; name: string } | null;
  placeUnitName?: string | null;
  state: string;
  stateName?: string;
  flags: PetitionFlags;
  /** the nearest due date of a running clock, and its warning level on the server's today ('normal' when none runs) */
  nearestDue: string | null;
  warningLevel: WarningLevel;
  receivedAt?: string;
  createdAt?: string;
}

export interface PetitionListQuery {
  state?: string;
  channel?: PetitionChannel;
  matterType?: MatterType;
  flag?: PetitionFlag;
  overdue?: boolean;
  unitId?: number;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export const petitionApi = {
  register: (input: RegisterPetitionInput) => api.post<RegisterPetitionResult>('/petitions', input),
  repeatCandidates: (q: { idNumber?: string; phone?: string; title?: string; content?: string }) =>
    api.get<RepeatCandidate[] | { items: RepeatCandidate[] }>('/petitions/repeat-candidates', { ...q }),
  categories: () => api.get<CategoryNode[] | { items: CategoryNode[] }>('/petition-categories'),
  /** configurable thresholds the intake form hints with (the server derives the flags itself) */
  intakeSettings: () => api.get<{ collectiveMinPersons: number; representativesMax: number; representativesSource: string }>('/petitions/intake-settings'),
  list: (q: PetitionListQuery) => api.get<Paged<PetitionListItem>>('/petitions', { ...q }),
  get: (id: number) => api.get<PetitionDetail>(`/petitions/${id}`),
  /** who may approve an extension of the case (the handling unit's staff other than the caller, county leaders) */
  approvers: (id: number) => api.get<{ items: { id: number; displayName: string; unitName: string }[] }>(`/petitions/${id}/approvers`),
  act: (id: number, action: string, input: Record<string, unknown>) =>
    api.post<PetitionDetail>(`/petitions/${id}/actions/${encodeURIComponent(action)}`, input),
  reveal: (id: number, petitionerId: number, field: 'name' | 'idNumber' | 'phone', reason: string) =>
    api.post<{ value: string | null }>(`/petitions/${id}/petitioners/${petitionerId}/reveal`, { field, reason }),
};
