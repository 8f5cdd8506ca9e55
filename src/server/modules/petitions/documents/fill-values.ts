import { formatChineseDate } from '../../../core/documents/index.ts';

const OUTCOME: Record<string, string> = {
  support: '经调查核实，你（你们）反映的问题属实，诉求合理，予以支持。',
  explain: '经调查核实，你（你们）的诉求缺乏充分的事实或法律依据，现予以解释说明。',
  reject: '经调查核实，你（你们）的诉求缺乏事实和法律依据，不予支持。',
};
const ROUTE: Record<string, string> = {
  fuyi: '自知道该行政行为之日起六十日内依法申请行政复议',
  susong: '自知道或者应当知道作出行政行为之日起六个月内依法向人民法院提起行政诉讼',
};

type D = Record<string, unknown>;
const obj = (v: unknown): D => (v && typeof v === 'object' && !Array.isArray(v) ? (v as D) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const cnDate = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatChineseDate(v) : '');

/** A time limit as the notices print it, with its legal source (a row of legal_rules). */
export interface RuleTerm {
  amount: number;
  unit: string;
  source: string;
}
/** The rules the notices print (fill-values reads them from legal_rules, never a literal number). */
export const NOTICE_RULES = ['xf.handle', 'xf.handle.ext', 'xf.transfer.notice', 'xf.transfer.objection', 'xf.fucha.apply', 'xf.fuhe.apply'] as const;
export type NoticeRule = (typeof NOTICE_RULES)[number];

/** 60日, 5个工作日, 6个月, 1年 (12 months), 24小时. */
export function periodText(r: Pick<RuleTerm, 'amount' | 'unit'>): string {
  if (r.unit === 'working_days') return `${r.amount}个工作日`;
  if (r.unit === 'months') return r.amount % 12 === 0 ? `${r.amount / 12}年` : `${r.amount}个月`;
  if (r.unit === 'hours') return `${r.amount}小时`;
  return `${r.amount}日`;
}

export interface FillInput {
  kind: string;
  caseNo: string;
  title: string;
  content: string;
  stage: string;
  receivedDate: string;
  decisions: D;
  reviewOfCaseNo: string | null;
  runningDue: string | null;
  leadUnitName: string | null;
  /** the time limits the notices print; a missing one leaves its sentence out */
  rules?: Partial<Record<NoticeRule, RuleTerm>>;
  /** the running handling clock's due date (受理告知书) */
  handleDue?: string | null;
}

/** Every `{placeholder}` a template may use, as plain text from the case record. */
export function fillValues(i: FillInput): Record<string, string> {
  const d = i.decisions;
  const rejection = obj(d.rejection);
  const routes = Array.isArray(rejection.legalRoutes) ? (rejection.legalRoutes as unknown[]).map(str) : [];
  // the 信访 module records each route as a sentence with its period and legal source (from legal_rules); bare codes are spelled out
  const routeTexts = routes.map((r) => (ROUTE[r] ? `可以${ROUTE[r]}` : r.replace(/[。；，\s]+$/, ''))).filter(Boolean);
  const legalRoutes = routeTexts.length ? `如不服，你（你们）${routeTexts.join('；或者')}。` : '';
  const ext = Array.isArray(d.extensions) ? obj((d.extensions as unknown[]).at(-1)) : {};
  const reply = obj(d.reply);
  const transfer = obj(d.transfer);
  const reviewKind = i.stage === 'fuhe' ? '复核' : '复查';
  const r = i.rules ?? {};
  const term = (k: NoticeRule) => (r[k] ? periodText(r[k]) : null);
  const cite = (...keys: NoticeRule[]) => `（${[...new Set(keys.map((k) => r[k]?.source).filter(Boolean))].join('、')}）`;
  const toUnit = str(transfer.toUnitName) || (i.leadUnitName ?? '');
  const transferKind = d.transfer ? '转送' : '交办';
  const handle = term('xf.handle');
  const extMax = term('xf.handle.ext');
  const handleTerms = handle
    ? `本机关将自受理之日起${handle}内办结${i.handleDue ? `（至${formatChineseDate(i.handleDue)}）` : ''}，并出具书面处理意见${
        extMax ? `；情况复杂的，经批准可以适当延长办理期限，延长期限不超过${extMax}，并告知你（你们）延期理由` : ''
      }${cite('xf.handle', 'xf.handle.ext')}。`
    : '';
  const notice = term('xf.transfer.notice');
  const objection = term('xf.transfer.objection');
  const unitTerms = notice
    ? `请于收到本单之日起${notice}内决定是否受理，并书面告知信访人${objection ? `；不属于你单位职责范围的，请于${objection}内说明理由并退回` : ''}${cite('xf.transfer.notice', 'xf.transfer.objection')}。`
    : '';
  const transferNextStep = notice
    ? `${toUnit || '有关机关、单位'}应当自收到之日起${notice}内书面告知你（你们）是否受理${cite('xf.transfer.notice')}${d.transfer ? '；具体办理情况，请向该机关了解' : ''}。`
    : '';
  const fucha = term('xf.fucha.apply');
  const fuhe = term('xf.fuhe.apply');
  return {
    caseNo: i.caseNo,
    title: i.title,
    content: i.content,
    receivedDate: cnDate(i.receivedDate),
    acceptDate: cnDate(obj(d.acceptance).date),
    rejectReason: str(rejection.reason),
    legalRoutes,
    transferKind,
    toUnitName: toUnit,
    transferDate: cnDate(d.transfer ? transfer.date : obj(d.assignment).date),
    transferNextStep,
    note: str(transfer.note || obj(d.assignment).note),
    handleTerms,
    unitTerms,
    extensionReason: str(ext.reason),
    extensionDays: str(ext.amount),
    newDueDate: cnDate(ext.newDueDate),
    facts: str(reply.facts),
    legalBasis: str(reply.legalBasis),
    outcome: OUTCOME[str(reply.outcome)] ?? '',
    reviewKind,
    reviewOfCaseNo: i.reviewOfCaseNo ?? '',
    reviewRoute: fucha ? `如对本处理意见不服，可以自收到本意见书之日起${fucha}内，请求原办理机关的上一级机关复查${cite('xf.fucha.apply')}。` : '',
    reviewNextStep:
      i.stage === 'fuhe'
        ? '本复核意见为终结意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，信访工作机构和其他机关、单位不再受理（《信访工作条例》第三十六条）。'
        : fuhe
          ? `如对本复查意见不服，可以自收到本意见书之日起${fuhe}内，向复查机关的上一级机关请求复核${cite('xf.fuhe.apply')}。`
          : '',
    dueSentence: i.runningDue ? `现办理期限至${formatChineseDate(i.runningDue)}届满。` : '请抓紧办理。',
  };
}

/**
 * The addressee on a notice to the petitioner(s), as a county office writes it before the colon: one person by name
 * ("张三"), two by both names ("张三、李四"), more by the first two and the count ("张三、李四等3人").
 */
export function petitionerAddressee(names: string[]): string {
  if (names.length === 0) return '信访人';
  return names.length <= 2 ? names.join('、') : `${names.slice(0, 2).join('、')}等${names.length}人`;
}

/** The notice speaks to one petitioner as 你 and to several as 你们 (templates write 你（你们） for either). */
export function addressPetitioners(count: number): (text: string) => string {
  const you = count > 1 ? '你们' : '你';
  return (text) => text.replaceAll('你（你们）', you);
}
