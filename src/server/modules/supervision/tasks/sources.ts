/**
 * Where a 督办事项 comes from: a 督办通知, a 督查 campaign finding, a 专项行动 问题清单, a meeting decision, a 考核 …
 * Each kind has its name and the console page its label links to. A lane adding a source kind adds one line here.
 */
export interface SourceKindDef {
  name: string;
  href(id: number): string;
}

export const SOURCE_KINDS: Readonly<Record<string, SourceKindDef>> = {
  notice: { name: '督办通知', href: (id) => `/supervision/dispatches/${id}` },
  campaign: { name: '督查检查发现问题', href: (id) => `/supervision/campaigns/${id}` },
  action: { name: '专项行动问题清单', href: (id) => `/supervision/actions/${id}` },
  // the source id is the decision's: its page finds the meeting (/supervision/meeting-decisions/{id})
  meeting: { name: '会议议定事项', href: (id) => `/supervision/meetings/decisions/${id}` },
  assessment: { name: '考核发现问题', href: (id) => `/supervision/assessments/${id}` },
  // lane d15: 矛盾纠纷 纳入督查督办 (the dispute escalated; the task goes to its 调处单位)
  dispute: { name: '矛盾纠纷升级', href: (id) => `/disputes/${id}` },
};

export interface TaskSource {
  /** one of SOURCE_KINDS */
  kind: string;
  id: number;
  /** what the task's page shows, e.g. 青督查〔2026〕3号《关于……的督办通知》 */
  label: string;
}

export const sourceName = (kind: string) => SOURCE_KINDS[kind]?.name ?? '督办来源';
export const sourceHref = (kind: string, id: number) => SOURCE_KINDS[kind]?.href(id) ?? null;
