import type { MatterType, PetitionChannel, PetitionFlag, PetitionFlags, PetitionStage, UpperLevel } from '../../api/petitions.ts';

/** zh-CN names of the 信访 vocabulary (the server's names win where it sends them, e.g. stateName). */
export const CHANNEL_LABELS: Record<PetitionChannel, string> = {
  letter: '来信',
  visit: '来访',
  phone: '电话',
  online: '网上',
  leader_mailbox: '领导信箱',
  upper: '上级交办转送',
};
export const CHANNELS = Object.keys(CHANNEL_LABELS) as PetitionChannel[];

export const MATTER_LABELS: Record<MatterType, string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  appeal: '申诉求决类',
};

/** One plain line per matter type, shown under the selector so staff pick the right one. */
export const MATTER_HELP: Record<MatterType, string> = {
  suggestion: '对工作提出建议、意见或批评，不要求解决个人具体问题（可匿名）。',
  accusation: '检举、控告公职人员或单位的违法违纪行为，严格保密，被反映单位看不到（可匿名）。',
  appeal: '为维护自身合法权益提出诉求或申诉，要求解决具体问题，须留真实姓名。',
};

/** Anonymity is allowed only where the law allows it. */
export const ANONYMOUS_ALLOWED: MatterType[] = ['suggestion', 'accusation'];

export const STAGE_LABELS: Record<PetitionStage, string> = { initial: '初次', fucha: '复查', fuhe: '复核' };
export const STAGE_COLORS: Record<PetitionStage, string> = { initial: 'blue', fucha: 'purple', fuhe: 'magenta' };

export const UPPER_LEVEL_LABELS: Record<UpperLevel, string> = { national: '国家', province: '省', city: '市' };

export const PETITION_STATE_LABELS: Record<string, string> = {
  registered: '已登记',
  assigned: '已交办',
  objected: '已退回（待决定）',
  transferred: '已转送',
  handling: '办理中',
  replied: '已出具意见',
  delivered: '已送达',
  under_review: '复查/复核中',
  terminated: '已终结',
  closed: '已办结',
  withdrawn: '已撤回',
};

export function petitionStateLabel(state: string, serverName?: string): string {
  return serverName || PETITION_STATE_LABELS[state] || '其他状态';
}

export const FLAG_LABELS: Record<PetitionFlag, string> = {
  collective: '集体访',
  firstTime: '初信初访',
  repeat: '重复信访',
  skippedLevel: '越级',
  lawRelated: '涉法涉诉',
  afterTermination: '终结后重复',
  evalOverdue: '超期未评价',
};
const FLAG_COLORS: Record<PetitionFlag, string> = {
  collective: 'volcano',
  firstTime: 'green',
  repeat: 'orange',
  skippedLevel: 'gold',
  lawRelated: 'geekblue',
  afterTermination: 'red',
  evalOverdue: 'purple',
};
export const FLAGS = Object.keys(FLAG_LABELS) as PetitionFlag[];

/** The flags that are set, in a stable order, with their tag colour. */
export function activeFlags(flags: PetitionFlags | null | undefined): { code: PetitionFlag; label: string; color: string }[] {
  if (!flags) return [];
  return FLAGS.filter((f) => flags[f] === true).map((code) => ({ code, label: FLAG_LABELS[code], color: FLAG_COLORS[code] }));
}

export const URGENCY_LABELS = { normal: '一般', urgent: '紧急' } as const;

export const OUTCOME_LABELS: Record<string, string> = { support: '支持', explain: '解释说明', reject: '不予支持' };
export const EVALUATION_LABELS: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  unsatisfied: '不满意',
};
export const PARTY_ROLE_LABELS: Record<string, string> = {
  lead: '主办单位',
  assist: '协办单位',
  territorial: '属地单位',
  leader: '包案领导',
  office: '督办单位',
};

/** The Shanghai calendar day of an instant (registration dates are read as the county reads them). */
export function shanghaiDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
