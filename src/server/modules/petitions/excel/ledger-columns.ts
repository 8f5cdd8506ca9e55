/** The columns of the 信访台账 import template and the zh-CN vocabularies accepted in its cells. */

export const IMPORT_COLUMNS = [
  { key: 'receivedDate', header: '登记日期', required: true, width: 12, note: 'YYYY-MM-DD，不得晚于今天' },
  { key: 'channel', header: '渠道', required: true, width: 12, note: '来信 / 来访 / 电话 / 网上 / 领导信箱 / 上级交办转送' },
  { key: 'persons', header: '人次', required: false, width: 6, note: '来访必填，≥1' },
  { key: 'matterType', header: '类型', required: true, width: 12, note: '建议意见类 / 检举控告类 / 申诉求决类' },
  { key: 'category', header: '问题类别', required: true, width: 18, note: '类别名称；重名时写“上级类别/类别”' },
  { key: 'place', header: '问题属地', required: true, width: 14, note: '单位名称（如乡镇名称）' },
  { key: 'title', header: '标题', required: true, width: 24, note: '2–200 字' },
  { key: 'content', header: '内容', required: true, width: 40, note: '至少 5 字' },
  { key: 'name', header: '信访人姓名', required: false, width: 10, note: '匿名时留空' },
  { key: 'idNumber', header: '身份证号', required: false, width: 20, note: '18 位，校验码须正确' },
  { key: 'phone', header: '联系电话', required: false, width: 14, note: '手机或固定电话' },
  { key: 'address', header: '住址', required: false, width: 20, note: '' },
  { key: 'anonymous', header: '匿名', required: false, width: 6, note: '是 / 否（申诉求决类不得匿名）' },
  { key: 'lawRelated', header: '涉法涉诉', required: false, width: 8, note: '是 / 否' },
  { key: 'skippedLevel', header: '越级', required: false, width: 6, note: '是 / 否' },
  { key: 'urgent', header: '紧急', required: false, width: 6, note: '是 / 否' },
  { key: 'upperLevel', header: '上级层级', required: false, width: 8, note: '国家 / 省 / 市（上级交办转送必填）' },
  { key: 'upperRefNo', header: '上级文号', required: false, width: 16, note: '上级交办转送必填' },
  { key: 'upperDueDate', header: '上级期限', required: false, width: 12, note: 'YYYY-MM-DD（上级交办转送必填）' },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const CHANNEL_BY_NAME: Record<string, string> = {
  来信: 'letter',
  来访: 'visit',
  电话: 'phone',
  网上: 'online',
  网信: 'online',
  网上信访: 'online',
  领导信箱: 'leader_mailbox',
  上级交办转送: 'upper',
  上级交办: 'upper',
  上级转送: 'upper',
};
export const CHANNEL_NAMES: Record<string, string> = {
  letter: '来信',
  visit: '来访',
  phone: '电话',
  online: '网上',
  leader_mailbox: '领导信箱',
  upper: '上级交办转送',
};

export const MATTER_BY_NAME: Record<string, string> = {
  建议意见类: 'suggestion',
  建议意见: 'suggestion',
  检举控告类: 'accusation',
  检举控告: 'accusation',
  申诉求决类: 'appeal',
  申诉求决: 'appeal',
};
export const MATTER_NAMES: Record<string, string> = { suggestion: '建议意见类', accusation: '检举控告类', appeal: '申诉求决类' };

export const UPPER_LEVEL_BY_NAME: Record<string, string> = {
  国家: 'national',
  国家信访局: 'national',
  省: 'province',
  省级: 'province',
  市: 'city',
  市级: 'city',
};

export const EVALUATION_NAMES: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };
export const FLAG_NAMES = {
  collective: '集体访',
  firstTime: '初信初访',
  repeat: '重复信访',
  skippedLevel: '越级',
  lawRelated: '涉法涉诉',
  afterTermination: '终结后再访',
} as const;
