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
}

/** Every `{placeholder}` a template may use, as plain text from the case record. */
export function fillValues(i: FillInput): Record<string, string> {
  const d = i.decisions;
  const rejection = obj(d.rejection);
  const routes = Array.isArray(rejection.legalRoutes) ? (rejection.legalRoutes as unknown[]).map(str) : [];
  // the 信访 module records each route as a sentence with its period and legal source (from legal_rules); bare codes are spelled out
  const routeTexts = routes.map((r) => (ROUTE[r] ? `可以${ROUTE[r]}` : r)).filter(Boolean);
  const legalRoutes = routeTexts.length ? `如不服，你（你们）${routeTexts.join('；或者')}。` : '';
  const ext = Array.isArray(d.extensions) ? obj((d.extensions as unknown[]).at(-1)) : {};
  const reply = obj(d.reply);
  const transfer = obj(d.transfer);
  const reviewKind = i.stage === 'fuhe' ? '复核' : '复查';
  return {
    caseNo: i.caseNo,
    title: i.title,
    content: i.content,
    receivedDate: cnDate(i.receivedDate),
    acceptDate: cnDate(obj(d.acceptance).date),
    rejectReason: str(rejection.reason),
    legalRoutes,
    transferKind: d.transfer ? '转送' : '交办',
    toUnitName: str(transfer.toUnitName) || (i.leadUnitName ?? ''),
    note: str(transfer.note || obj(d.assignment).note),
    extensionReason: str(ext.reason),
    extensionDays: str(ext.amount),
    newDueDate: cnDate(ext.newDueDate),
    facts: str(reply.facts),
    legalBasis: str(reply.legalBasis),
    outcome: OUTCOME[str(reply.outcome)] ?? '',
    reviewKind,
    reviewOfCaseNo: i.reviewOfCaseNo ?? '',
    reviewNextStep:
      i.stage === 'fuhe'
        ? '本复核意见为终结意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，信访工作机构和其他机关、单位不再受理。'
        : '如对本复查意见不服，可以自收到本意见书之日起三十日内向复查机关的上一级机关请求复核。',
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
