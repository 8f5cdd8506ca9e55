/**
 * The one catalogue of error codes. Each code has a stable name, an HTTP status and a zh-CN
 * message safe to show to users. Messages may use {placeholders} filled from `params`.
 * Modules add their own codes here in their own section; never reuse a code for another meaning.
 */
export const ERROR_CATALOGUE = {
  // ── generic ──
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求：{detail}' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确：{detail}' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  CSRF_INVALID: { status: 403, message: '页面已过期或请求来源不可信，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '您没有权限执行此操作' },
  NOT_FOUND: { status: 404, message: '未找到该记录，或您无权查看' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在：{method} {url}' },
  CONFLICT: { status: 409, message: '操作与当前状态冲突：{detail}' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后重试；如持续出现请联系管理员（编号 {requestId}）' },
  // ── auth & users ──
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  LOGIN_THROTTLED: { status: 429, message: '登录失败次数较多，请 {wait}后再试；忘记密码请联系管理员重置' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  PASSWORD_TOO_WEAK: { status: 400, message: '密码至少 {min} 位，且需同时包含字母和数字' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '当前为临时密码，请先修改密码后再继续操作' },
  USER_NOT_FOUND: { status: 404, message: '用户“{username}”不存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名“{username}”已被使用' },
  // ── org ──
  UNIT_CODE_TAKEN: { status: 409, message: '单位编码“{code}”已被使用' },
  UNIT_PARENT_INVALID: { status: 400, message: '上级单位不合适：{detail}' },
  UNIT_HAS_CHILDREN: { status: 409, message: '该单位下仍有下级单位或在岗人员，不能停用' },
  // ── personal data ──
  REVEAL_REASON_REQUIRED: { status: 400, message: '查看完整个人信息须说明理由（至少 {min} 个字），该操作将被记录' },
  ID_NUMBER_INVALID: { status: 400, message: '身份证号码“{value}”无效（位数、出生日期或校验码不正确）' },
  PHONE_INVALID: { status: 400, message: '电话号码“{value}”无效' },
  // ── calendar & rules ──
  CALENDAR_YEAR_INVALID: { status: 400, message: '日历数据有误：{detail}' },
  RULE_NOT_FOUND: { status: 404, message: '未找到时限规则“{key}”' },
  DATE_INVALID: { status: 400, message: '日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期' },
  DATE_OUT_OF_RANGE: { status: 400, message: '日期“{value}”超出工作日历可计算的范围（{min}—{max} 年）' },
  RULE_UNIT_INVALID: { status: 400, message: '时限单位“{unit}”无效，应为 calendar_days、working_days、hours 或 months' },
  DEADLINE_STATE_CONFLICT: { status: 409, message: '期限计时当前为“{status}”，不能{action}' },
  // ── kernel: case machine, parties ──
  ACTION_UNKNOWN: { status: 404, message: '不存在的办理操作“{action}”' },
  TRANSITION_NOT_ALLOWED: { status: 409, message: '当前状态为“{state}”，不能进行“{action}”：{reason}' },
  // ── petitions ──
  FIELD_INVALID: { status: 400, message: '{detail}' },
  UNIT_INVALID: { status: 400, message: '单位无效：{detail}' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '该提交编号（Idempotency-Key）已用于另一份内容不同的提交；如需重新提交，请刷新页面后再试' },
  SETTING_INVALID: { status: 503, message: '系统设置“{key}”缺失或格式错误，请管理员在系统管理中检查并保存该设置' },
  ONLINE_INTAKE_UNIT_MISSING: { status: 503, message: '网上信访受理单位尚未配置，请联系管理员' },
  // ── 安全生产: accidents, duty, plans ──
  ACCIDENT_ENTRY_REASON_REQUIRED: {
    status: 400,
    message: '该事故于 {received} 接报，已超过向上级报告的 {hours} 小时时限才录入，属于事后补录，请填写补录说明（迟报原因）',
  },
  DUTY_PERSON_INVALID: { status: 400, message: '值班人员有误：{detail}' },
  DUTY_OTHER_UNIT: { status: 403, message: '只能编排本单位的值班表：“{unit}”的值班表只能查看，由该单位自行编排' },
  DUTY_DAY_NOT_SCHEDULED: { status: 409, message: '{date} 尚未排班，请先生成或填写当日值班表' },
  // ── 网上信访 portal (messages tell the citizen what to do) ──
  PORTAL_TRACK_NOT_FOUND: { status: 404, message: '未查到该信访事项。请核对信访件编号、查询码和登记手机号后四位后重新输入' },
  PORTAL_TRACK_TOKEN_INVALID: { status: 401, message: '查询已超时，请重新输入信访件编号和查询码' },
  PORTAL_CAPTCHA_WRONG: { status: 400, message: '验证码不正确或已过期，请换一张验证码后重新输入' },
  PORTAL_RATE_LIMITED: { status: 429, message: '{what}过于频繁，请在 {minutes} 分钟后再试' },
  PORTAL_FILE_MISSING: { status: 400, message: '请选择要上传的文件（每次上传一个）' },
  PORTAL_FILE_TYPE: { status: 400, message: '附件只能是 JPG、PNG 图片或 PDF 文件（按文件内容识别，改扩展名无效），请换一个文件上传' },
  PORTAL_FILE_TOO_LARGE: { status: 413, message: '附件过大：每个文件不能超过 {max}，请压缩或拆分后再上传' },
  PORTAL_IMAGE_TOO_LARGE: {
    status: 400,
    message: '图片尺寸过大（{width}×{height} 像素）：宽和高都不能超过 {maxSide} 像素、总像素不能超过 {maxPixels} 万，请缩小后再上传',
  },
  PORTAL_IMAGE_INVALID: { status: 400, message: '无法读取该图片的尺寸（文件可能已损坏），请重新保存为 JPG 或 PNG 后再上传' },
  PORTAL_ATTACHMENT_INVALID: { status: 400, message: '有附件已失效（上传后须在 24 小时内提交），请删除该附件后重新上传' },
  PORTAL_CONSENT_REQUIRED: { status: 400, message: '请先阅读并同意《个人信息处理告知》后再提交' },
  PORTAL_NOTICE_OUTDATED: { status: 409, message: '《个人信息处理告知》已更新，请刷新页面重新阅读并同意后再提交' },
  PORTAL_IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '缺少提交编号（Idempotency-Key，8—100 个字符），请刷新页面后重新提交' },
  PORTAL_DOCUMENT_NOT_FOUND: { status: 404, message: '未找到该文书，请返回查询结果页重新打开' },
  // ── message outbox ──
  OUTBOX_NOT_RETRYABLE: { status: 409, message: '该消息当前状态为“{status}”，只有发送失败或已放弃的消息可以重新发送' },
  // ── supervision (督办) & leaders' work ──
  SUPERVISION_ALREADY_LISTED: { status: 409, message: '该事项已挂牌督办，不能重复挂牌' },
  SUPERVISION_NOT_LISTED: { status: 409, message: '该事项未挂牌督办，无需摘牌' },
  SUPERVISION_NOTICE_REPLIED: { status: 409, message: '该督办通知已于 {at} 回复，不能重复回复' },
  BACKLOG_ALREADY_OPEN: { status: 409, message: '该事项已列入积案台账（尚未销号）' },
  BACKLOG_NOT_OPEN: { status: 409, message: '该事项没有未销号的积案记录' },
  INSTRUCTION_REQUEST_OPEN: { status: 409, message: '已就该事项报请{leader}批示，尚待批示，不能重复报请' },
  INSTRUCTION_REQUEST_CLOSED_ITEM: { status: 409, message: '事项已{state}，不再报请领导批示' },
  BACKLOG_NO_RESULT: { status: 409, message: '责任单位尚未报送化解结果，不能销号' },
  BACKLOG_VERIFIER_IS_HANDLER: { status: 409, message: '销号须由报送化解结果以外的人员核实确认' },
  LEADER_NOT_LINKED: { status: 404, message: '当前账号未关联县领导信息，请联系管理员' },
  EXPORT_TOO_LARGE: { status: 413, message: '符合条件的记录共 {total} 条，超过单次导出上限 {max} 条，请缩小筛选范围后分批导出' },
  // ── official documents ──
  DOCUMENT_KIND_UNKNOWN: { status: 404, message: '文书种类“{kind}”不存在' },
  DOCUMENT_NOT_APPLICABLE: { status: 409, message: '当前事项不能制作“{name}”：{detail}' },
  DOCUMENT_TEMPLATE_INVALID: { status: 400, message: '文书模板有误：{detail}' },
  DOCUMENT_ISSUER_NOT_SET: {
    status: 409,
    message:
      '“{unit}”尚未设置发文代字和机关标志，不能制作文书。请系统管理员在“单位管理”中编辑该单位，填写发文代字（如 青信）和机关标志（发文机关全称）后再制作',
  },
  DECISION_ISSUER_NOT_SET: {
    status: 409,
    message:
      '“{unit}”尚未设置发文代字和机关标志，不能制作“{document}”，本次“{action}”未办理（未作任何更改）。请系统管理员在“单位管理”中编辑该单位，填写发文代字（如 青信）和机关标志（发文机关全称）后再办理',
  },
  DOCUMENT_STEP_PASSED: {
    status: 409,
    message: '事项当前为“{state}”，“{name}”所属的办理环节已过；确需补制的，请填写补制理由（记入审计）',
  },
  // ── operations ──
  DATA_DIR_IN_USE: { status: 500, message: '数据目录 {dataDir} 正被另一个进程（PID {pid}）使用；请先停止该进程，或改用 DATABASE_URL 连接数据库服务器' },
  RESTORE_TARGET_NOT_EMPTY: { status: 400, message: '恢复目标不是空库：请恢复到新的数据目录或空数据库' },
  BACKUP_INVALID: { status: 400, message: '备份文件无效：{detail}' },
  PERSONAL_DATA_KEY_MISMATCH: {
    status: 500,
    message:
      '个人信息密钥与数据库不符，拒绝启动：库中的个人信息由密钥 {storedKeyId} 加密，当前密钥（{source}）是 {keyId}。请把环境变量 ANWEN_SECRET_KEY 设为当时的密钥，或把当时的 secret.key 放回 {keyFile}，再启动。' +
      ' / The personal-data key does not match this database: its personal data was encrypted with key {storedKeyId}, the configured key ({source}) is {keyId}.' +
      ' Set ANWEN_SECRET_KEY to the original key, or put the original secret.key back at {keyFile}, then start again.',
  },
  // ── audit chain ──
  AUDIT_CHECKPOINT_INVALID: { status: 400, message: '审计检查点无效：{detail}' },
  AUDIT_CHAIN_BROKEN: { status: 409, message: '审计链已被破坏，不能导出检查点：{detail}' },
  // ── links between items (kernel/links) ──
  LINK_KIND_UNKNOWN: { status: 400, message: '关联类型“{kind}”不存在，可选：{known}' },
  LINK_SELF: { status: 400, message: '不能把事项与它自己关联' },
  LINK_DUPLICATE: { status: 409, message: '本事项与 {refNo} 已有“{name}”关联，不能重复关联；如需修改说明，请先解除原关联' },
  LINK_TARGET_AMBIGUOUS: { status: 400, message: '编号 {refNo} 对应多个事项（{modules}），请选择事项类型，或在编号前加上类型字母（{prefixes}）' },
  LINK_TARGET_NOT_FOUND: { status: 404, message: '未找到编号为 {refNo} 的事项，或您无权查看' },
  // ── 常用筛选 (platform/saved-filters) ──
  SAVED_FILTER_NOT_FOUND: { status: 404, message: '未找到该常用筛选，可能已被删除' },
  SAVED_FILTER_LIMIT: { status: 409, message: '每个列表最多保存 {max} 个常用筛选，请先删除不再使用的' },
  // ── 安全生产: register and hazard ledger ──
  SAFETY_ENTERPRISE_INVALID: { status: 400, message: '企业（单位）信息有误：{detail}' },
  SAFETY_ENTERPRISE_DUPLICATE: { status: 409, message: '{detail}已在登记册中，不能重复登记' },
  SAFETY_SECTOR_INVALID: { status: 400, message: '行业领域有误：{detail}' },
  SAFETY_ACCOUNT_NOT_LINKED: { status: 403, message: '本账户未关联企业，请联系属地乡镇或行业主管部门开通企业账户' },
  HAZARD_TEXT_UNUSABLE: { status: 400, message: '{message}' },
  SAFETY_INSPECTION_RECUSAL: { status: 409, message: '检查人员应当回避：{detail}，请更换检查人员' },
  SAFETY_DRAW_IMPOSSIBLE: { status: 409, message: '无法完成随机抽取：{detail}' },
  SAFETY_INSPECTION_KEY_REQUIRED: { status: 400, message: '缺少提交编号（Idempotency-Key，8—100 个字符），请在检查页面重新提交' },
  SAFETY_INSPECTION_KEY_CONFLICT: {
    status: 409,
    message: '该提交编号已用于另一份内容不同的检查记录，本次提交未保存。请核对手机上保存的记录，确需修改请重新填写后提交',
  },
  SAFETY_INSPECTION_RECORDED: { status: 409, message: '该检查对象已由{inspector}提交检查记录（{recordNo}），不能重复提交' },
  SAFETY_INSPECTION_CHECKLIST_CHANGED: {
    status: 409,
    message: '检查表在您下载后已修改，本记录未保存。请联网刷新检查任务，按新的检查表重新填写后提交',
  },
  SAFETY_INSPECTION_NOT_INSPECTOR: { status: 403, message: '只有本检查对象的检查人员才能提交检查记录（谁检查谁签字）' },
  SAFETY_INSPECTION_INVALID: { status: 400, message: '检查记录有误：{detail}' },
  HAZARD_SELF_VERIFY: { status: 409, message: '复查验收人不能是整改人：{name} 报告了本隐患的整改，请由其他工作人员复查验收' },
  HAZARD_UPWARD_ALREADY: { status: 409, message: '该报告已上报，不能重复上报' },
  HAZARD_REPORT_NOT_DUE: { status: 409, message: '{period}尚未结束，期满后才能生成统计表' },
  HAZARD_REPORT_SIGNED: { status: 409, message: '统计表已于 {signedOn} 签发，数据已锁定，不能重新生成或退回' },
  HAZARD_REPORT_SELF_SIGN: { status: 409, message: '签发人不能是生成人：{name} 生成了本统计表，请由本单位其他有权限的人员审核签发' },
  HAZARD_REPORT_NOT_DRAFT: { status: 409, message: '统计表已退回，请重新生成后再签发' },
  HAZARD_REPORT_FORBIDDEN: { status: 403, message: '只有本单位的安全生产工作人员才能生成、签发或退回本单位的隐患统计表' },
  DISPUTE_ZERO_REPORT_CONFLICT: { status: 409, message: '{unit}在本次排查中已登记发现的纠纷 {count} 件，不能作零报告' },
  DISPUTE_REPORT_EMPTY: { status: 409, message: '{unit}在本次排查中尚未登记发现的纠纷：请先登记，或如实作零报告' },
  DISPUTE_CAMPAIGN_UNIT: { status: 400, message: '{unit}不是本次排查活动的排查单位，或不在本人的管辖范围内' },
  DISPUTE_CAMPAIGN_CLOSED: { status: 409, message: '排查活动“{name}”的排查时段为 {from} 至 {to}，报送日期不在其内' },
  RISK_SUBJECT_IS_BUILDER: {
    status: 400,
    message: '评估主体不适当：{detail}。稳评应由项目主管部门（责任单位）或其委托的独立第三方机构组织实施，不能交由项目建设单位或业主自行评估',
  },
  RISK_INVALID: { status: 400, message: '稳评信息有误：{detail}' },
  RISK_DECISION_REFUSED: { status: 409, message: '不能作出该决策：{detail}' },
  RISK_SETTING_INVALID: { status: 500, message: '稳评配置（{key}）有误，请系统管理员检查：{detail}' },
  DASHBOARD_NO_PORTFOLIO: { status: 400, message: '您没有登记分管联系单位，请查看全县情况，或请系统管理员在“县领导”中登记分管单位' },
  // ── 考核 and 问责 ──
  ASSESSMENT_INVALID: { status: 400, message: '考核设置或操作有误：{detail}' },
  ASSESSMENT_PUBLISHED: { status: 409, message: '“{label}”的考核结果已发布，数据已固定，不能再计算或修改' },
  ASSESSMENT_NOTICE_EXISTS: { status: 409, message: '“{label}”的考核通报已印发（{number}），不能重复印发' },
  ACCOUNTABILITY_INVALID: { status: 400, message: '问责记录有误：{detail}' },
  SUPERVISION_TASK_INVALID: { status: 400, message: '督办事项信息有误：{detail}' },
  SUPERVISION_SELF_VERIFY: { status: 409, message: '核查销号不能由承办单位自己进行：{detail}，请由督查部门的其他工作人员核查销号' },
  SUPERVISION_DISPATCH_INVALID: { status: 400, message: '督办通知信息有误：{detail}' },
  SUPERVISION_DISPATCH_VOIDED: { status: 409, message: '督办通知 {docNo} 已于 {on} 作废（{reason}），不能再办理' },
  // ── 督查 campaigns ──
  SV_CAMPAIGN_INVALID: { status: 400, message: '督查信息有误：{detail}' },
  SV_CAMPAIGN_ISSUED: { status: 409, message: '“{name}”的督查通报已经印发，督查记录和存在问题不能再更改；如需更正，请在异议复核中处理' },
  SV_BULLETIN_INCOMPLETE: { status: 409, message: '以下单位还没有督查记录，不能印发通报：{units}' },
  SV_OBJECTION_WINDOW_CLOSED: { status: 409, message: '异议期限已于 {due} 届满（自收到督查通报之日起{period}，{source}），不能再提出异议；可提交情况说明' },
  SV_OBJECTION_DECIDED: { status: 409, message: '{unit}的这项异议已作出复核决定，不能重复决定' },
  SV_CAMPAIGN_RESPONSE_OWN: { status: 403, message: '情况说明和异议由被督查单位（{unit}）本单位提出' },
  SV_MEETING_INVALID: { status: 400, message: '会议信息有误：{detail}' },
  SV_MEETING_REASON_REQUIRED: { status: 400, message: '“{name}”的会议纪要已经印发，修改会议内容须说明理由' },
  SV_MEETING_ISSUED: { status: 409, message: '“{name}”的会议纪要已经印发（{number}），不能重复印发' },
  SV_MEETING_DECISION_WITHDRAWN: { status: 409, message: '该议定事项已于 {on} 撤销，不能再撤销或交办' },
  SV_MEETING_WITHDRAW_REFUSED: { status: 409, message: '不能撤销：{detail}' },
  SV_MEETING_TYPE_INVALID: { status: 400, message: '会议类型设置有误：{detail}' },
  SV_MEETING_TYPES_INVALID: { status: 500, message: '会议类型设置（supervision.meeting_types）有误，请管理员检查' },
  PERIODIC_REPORT_INVALID: { status: 400, message: '定期报告填写有误：{detail}' },
  PERIODIC_REPORT_NO_SLOT: { status: 400, message: '{date}不是“{name}”的报送期（不在启用时段内，或节假日不报送）' },
  PERIODIC_REPORT_NOT_REPORTER: { status: 403, message: '本单位不是“{name}”的报送单位' },
  PERIODIC_REPORT_CLOSED: { status: 409, message: '“{name}”{period}的报送已过截止时间，不能再修改；如需更正请联系发起单位' },
  // ── 专项行动 ──
  SV_ACTION_INVALID: { status: 400, message: '专项行动信息有误：{detail}' },
  SV_ACTION_ENDED: { status: 409, message: '“{name}”已结束，不能再更改问题清单或登记调度' },
  RISK_SETTINGS_REJECTED: { status: 400, message: '稳评设置未保存：{detail}' },
  DISPUTE_TYPE_IN_USE: { status: 409, message: '纠纷类型“{name}”已有 {count} 件纠纷使用，不能删除，只能停用' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An expected, user-facing error: code + params render into a zh-CN message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, unknown>;
  /** Extra machine-readable detail for API clients (e.g. the offending field). */
  readonly data?: Record<string, unknown>;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, data?: Record<string, unknown>) {
    super(renderMessage(code, params));
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.params = params;
    this.data = data;
  }
}

export function renderMessage(code: ErrorCode, params: Record<string, unknown> = {}): string {
  return ERROR_CATALOGUE[code].message.replace(/\{(\w+)\}/g, (_, key: string) => (params[key] === undefined ? '' : String(params[key])));
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const conflict = (detail: string) => new AppError('CONFLICT', { detail });
