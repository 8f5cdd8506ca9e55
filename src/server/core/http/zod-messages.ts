import { z } from 'zod';

/**
 * zod's words in Chinese. Installed once for the process (installZodMessages, from buildApp): a schema's own
 * message still wins; this map answers every issue a schema left unworded, so no zod English reaches a
 * user. The field is named by the error handler (fieldLabel), not here.
 */

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  object: '对象（{…}）',
  array: '列表（[…]）',
  date: '日期',
  null: '空值',
  undefined: '未填写',
  nan: '非数字',
  file: '文件',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? '正确类型的值';

function receivedOf(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

const FORMAT_NAMES: Record<string, string> = {
  date: '应为 YYYY-MM-DD 格式的真实日期',
  datetime: '应为带时区的 ISO 日期时间，例如 2026-03-02T09:00:00+08:00',
  time: '应为 HH:MM 格式的时间',
  email: '电子邮箱格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确',
};

const quoteValues = (values: readonly unknown[]) =>
  values
    .slice(0, 12)
    .map((v) => String(v))
    .join('、') + (values.length > 12 ? '等' : '');

/** One zh-CN sentence for a zod issue (without the field: the error handler puts the field's name in front). */
export function zhIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = receivedOf(issue.input);
      if (received === 'undefined') return '必填，不能为空';
      if (issue.expected === 'number' && received === 'nan') return '应为数字';
      return `应为${typeName(issue.expected)}，收到的是${typeName(received)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `只能是 ${String(issue.values[0])}` : `应为以下之一：${quoteValues(issue.values)}`;
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${max} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'file') return `文件不能超过 ${max} 字节`;
      return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`;
    }
    case 'invalid_format':
      return FORMAT_NAMES[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `含有不认识的字段：${quoteValues(issue.keys.map((k) => k.slice(0, 40)))}`;
    case 'invalid_key':
      return '含有无效的键';
    case 'invalid_element':
      return '含有无效的值';
    case 'invalid_union':
      return '格式不正确';
    default:
      return '格式不正确';
  }
}

let installed = false;
/** Makes zhIssueMessage zod's message for every issue a schema did not word itself (idempotent). */
export function installZodMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => zhIssueMessage(issue) });
}

/** Chinese names of the API's fields (query, path and body keys); a field not listed is named by its key. */
export const FIELD_LABELS: Record<string, string> = {
  accusedUnitId: '被反映单位',
  action: '操作',
  actor: '操作人',
  actorId: '操作人',
  address: '地址',
  agency: '救助机构',
  amount: '时限',
  anonymous: '是否匿名',
  answer: '验证码',
  appName: '应用名称',
  approachingDays: '临期天数',
  attachmentId: '附件',
  attachments: '附件',
  backdateReason: '补录说明',
  batches: '批次',
  body: '正文',
  byProvince: '分省份规定',
  captcha: '验证码',
  caseNo: '信访件编号',
  categoryId: '问题类别',
  channel: '信访形式',
  code: '编码',
  collectiveMinPersons: '集体访人数',
  compare: '对比方式',
  confidence: '可信度',
  consent: '同意告知',
  content: '信访内容',
  date: '日期',
  days: '天数',
  description: '描述',
  dimension: '统计维度',
  disabled: '是否停用',
  displayName: '姓名',
  docId: '文书',
  documentId: '文书',
  dueDate: '期限',
  duties: '职责',
  duty: '职责',
  endTime: '结束时间',
  entityId: '对象编号',
  entityType: '对象类型',
  field: '字段',
  fileBase64: '文件内容',
  filename: '文件名',
  flag: '标记',
  from: '开始日期',
  groupBy: '分组方式',
  id: '编号',
  idNumber: '身份证号码',
  includeDisabled: '含已停用',
  indicator: '统计指标',
  key: '键',
  kind: '种类',
  lawRelated: '涉法涉诉',
  leaderId: '县领导',
  level: '层级',
  linkId: '关联',
  list: '列表',
  mark: '机关标志',
  matterType: '事项类型',
  max: '上限',
  memberIds: '成员',
  module: '事项类型',
  name: '名称',
  newPassword: '新密码',
  note: '备注',
  assigneeId: '经办人',
  noticeId: '督办通知',
  noticeVersion: '告知版本',
  occurredOn: '发生日期',
  oldPassword: '原密码',
  open: '是否未办结',
  order: '排序',
  overdue: '是否逾期',
  overseesUnitIds: '分管单位',
  page: '页码',
  pageSize: '每页条数',
  parentId: '上级单位',
  part: '分子/分母',
  password: '密码',
  persons: '人数',
  petitionId: '信访事项',
  petitioners: '信访人',
  phone: '电话号码',
  phoneTail: '手机号后四位',
  pid: '信访人',
  place: '地点',
  placeUnitId: '问题发生地',
  plan: '化解方案',
  portfolio: '分管工作',
  prefix: '发文代字',
  province: '省份',
  published: '是否公开',
  q: '搜索词',
  queryCode: '查询码',
  query: '筛选条件',
  ratePerMinute: '每分钟请求上限',
  reason: '理由',
  receivedAt: '收到时间',
  receptionDayId: '接访日',
  refNo: '编号',
  representatives: '代表',
  result: '化解结果',
  role: '角色',
  roles: '角色',
  rule: '时限规则',
  scope: '范围',
  severeOverdueDays: '严重逾期天数',
  shortName: '简称',
  skippedLevel: '越级',
  sort: '排序号',
  source: '来源',
  startTime: '开始时间',
  state: '状态',
  status: '状态',
  summary: '摘要',
  text: '内容',
  title: '标题',
  to: '结束日期',
  toId: '关联事项',
  toModule: '关联事项类型',
  toRefNo: '关联事项编号',
  topic: '主题',
  unit: '单位',
  unitId: '单位',
  unread: '是否未读',
  upper: '上级转办',
  urgency: '紧急程度',
  userId: '用户',
  username: '用户名',
  value: '值',
  visit: '来访信息',
  warning: '预警等级',
  workItemId: '事项',
  workItemIds: '事项',
  year: '年份',
  'Idempotency-Key': '提交编号（Idempotency-Key）',
  // Open311 GeoReport v2
  service_code: '服务类别（service_code）',
  service_request_id: '请求编号（service_request_id）',
  address_string: '地址（address_string）',
  address_id: '地址编号（address_id）',
  start_date: '开始时间（start_date）',
  end_date: '结束时间（end_date）',
  lat: '纬度（lat）',
  long: '经度（long）',
  email: '电子邮箱（email）',
  first_name: '名（first_name）',
  last_name: '姓（last_name）',
  media_url: '图片地址（media_url）',
  jurisdiction_id: '辖区（jurisdiction_id）',
  device_id: '设备编号（device_id）',
  account_id: '账号（account_id）',
  api_key: '接入密钥（api_key）',
};

/** Labels that depend on the enclosing field: a petitioner's name is 姓名, not 名称. */
const NESTED_LABELS: Record<string, string> = {
  'petitioners.name': '姓名',
};

/**
 * The field's name for a message: its Chinese label (the innermost named key), with the position in a list
 * when it is inside one — `petitioners.0.name` → 第 1 个信访人的名称.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  if (!path.length) return '请求内容';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (typeof key === 'number' || /^\d+$/.test(String(key))) continue;
    const next = path[i + 1];
    const parent = path
      .slice(0, i)
      .filter((k) => typeof k !== 'number' && !/^\d+$/.test(String(k)))
      .at(-1);
    const label =
      (parent !== undefined ? NESTED_LABELS[`${String(parent)}.${String(key)}`] : undefined) ?? FIELD_LABELS[String(key)] ?? String(key).slice(0, 40);
    parts.push(next !== undefined && (typeof next === 'number' || /^\d+$/.test(String(next))) ? `第 ${Number(next) + 1} 个${label}` : label);
  }
  return parts.length ? parts.join('的') : '请求内容';
}
