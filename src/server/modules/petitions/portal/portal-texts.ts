/** What the portal tells citizens before they submit: the matter types in plain words and the PIPL notice. */

export const MATTER_TYPE_INFO = [
  {
    code: 'suggestion',
    name: '建议意见',
    explain: '对政府工作、公共事务提出意见建议、批评，例如改进某项服务、完善某项政策。可以匿名。',
    anonymousAllowed: true,
  },
  {
    code: 'accusation',
    name: '检举控告',
    explain: '反映公职人员或单位的违纪违法、失职渎职等问题。可以匿名；被反映的单位看不到您的信息。',
    anonymousAllowed: true,
  },
  {
    code: 'appeal',
    name: '申诉求决',
    explain: '为维护自身合法权益提出请求，例如要求解决拖欠、补偿、纠纷等具体问题。须实名并留手机号，以便告知办理结果。',
    anonymousAllowed: false,
  },
] as const;

export const matterTypeName = (code: string): string => MATTER_TYPE_INFO.find((m) => m.code === code)?.name ?? code;

/** Bump the version whenever the text changes: a submission must carry the version it agreed to. */
export const NOTICE_VERSION = '2025-01';

export const PRIVACY_NOTICE = [
  '个人信息处理告知',
  '一、处理者：本县信访工作机构（网上信访受理单位）。',
  '二、处理目的：登记、交办、办理您的信访事项，向您告知受理、办理和答复情况，并依法接受复查、复核和监督。',
  '三、处理的个人信息：姓名、身份证号码、手机号码、住址，以及您在信访事项中提供的内容和附件。身份证号码和手机号码属于敏感个人信息，仅用于核实身份、识别同一事项和联系您。',
  '四、处理方式：个人信息加密保存，工作人员查看完整信息须说明理由并留痕；检举控告事项中您的信息不向被反映的单位和人员透露。',
  '五、保存期限：按照信访档案管理规定保存，期满后依法删除或匿名化。',
  '六、您的权利：您可以依法查阅、复制、更正您的个人信息，可以撤回信访事项；如有疑问，可到受理单位现场咨询。',
  '七、不提供的后果：建议意见类、检举控告类事项可以匿名提交，但匿名事项无法向您告知办理结果；申诉求决类事项须提供姓名和手机号码。',
  '点击“同意并提交”即表示您已阅读并同意上述内容（《中华人民共和国个人信息保护法》第十四条、第十七条、第二十九条）。',
].join('\n');

/** Portal limits, also shown to the citizen in GET /portal/meta. */
export const PORTAL_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 5 * 1024 * 1024,
  /** an image's declared size in pixels (a 60000×60000 PNG of a few KB would take gigabytes in a staff browser) */
  maxImageSide: 10_000,
  maxImagePixels: 50_000_000,
  accept: ['image/jpeg', 'image/png', 'application/pdf'],
  titleMax: 100,
  contentMax: 5000,
} as const;

/** The units a citizen may name as the place of the matter (GET /portal/places lists them; a submission naming another is refused). */
export const PORTAL_PLACE_KINDS = ['township', 'street', 'village', 'community'] as const;
