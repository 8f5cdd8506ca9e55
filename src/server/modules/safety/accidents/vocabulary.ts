/** 事故类别 as the county's statistics report them (道路交通/火灾 have the 7-day 补报 window, 条例第十三条). */
export const ACCIDENT_TYPES = {
  road_traffic: '道路交通',
  fire: '火灾',
  construction: '建筑施工',
  industrial_trade: '工矿商贸',
  hazardous_chemicals: '危险化学品',
  special_equipment: '特种设备',
  other: '其他',
} as const;
export type AccidentType = keyof typeof ACCIDENT_TYPES;
export const ACCIDENT_TYPE_CODES = Object.keys(ACCIDENT_TYPES) as [AccidentType, ...AccidentType[]];

/** The rule of the casualty-change (补报) window for an accident type. */
export const casualtyWindowRule = (type: string): string =>
  type === 'road_traffic' || type === 'fire' ? 'acc.casualty_update.road_fire' : 'acc.casualty_update';

/** The rule of the 批复 period for a grade (特别重大: 30 days + ≤30, otherwise 15 days). */
export const approvalRule = (grade: string): string => (grade === 'especially_major' ? 'acc.approval.major' : 'acc.approval');

/** The clocks an accident runs and the words they carry on screen. */
export const CLOCK_LABELS = {
  unit: '事故单位负责人报告县应急管理部门',
  level: '向上一级应急管理部门报告',
  levelUpdate: '伤亡人数变化后向上一级补报',
  window: '伤亡人数变化补报期',
  report: '提交事故调查报告',
  approval: '事故调查报告批复',
} as const;

/** 督办 follows an overdue report upward, an overdue investigation report and an overdue 批复. */
export const ACCIDENT_OVERDUE_RULES = ['acc.level', 'acc.report', 'acc.approval', 'acc.approval.major'] as const;
