import type { ItemWording } from '../../kernel/catalog/index.ts';
import { AGREEMENT_FORMS, DISPUTE_SOURCES, ESCALATION_ROUTES, FAILURE_ROUTES, MEDIATION_KINDS } from './fields.ts';
import { DISPUTE_MACHINE } from './machine.ts';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (v: unknown, max = 120): string => {
  const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const word = (map: Record<string, string>, v: unknown) => (typeof v === 'string' ? (map[v] ?? '') : '');
const yes = (label: string) => (v: unknown) => (v === true ? label : null);

/** How each input field of a dispute action reads on the timeline; fields not listed are left out. */
const INPUT_ZH: Record<string, (v: unknown) => string | null> = {
  backdateReason: (v) => `补录说明：${clip(v)}`,
  consent: yes('各方当事人同意调解'),
  mediationKind: (v) => `调解方式：${word(MEDIATION_KINDS, v)}`,
  committee: (v) => `调解组织：${clip(v)}`,
  mediatorName: (v) => `调解员：${clip(v)}`,
  refusingParty: (v) => `拒绝调解的当事人：${clip(v)}`,
  reason: (v) => `原因：${clip(v)}`,
  toldRoutes: (v) => (Array.isArray(v) ? `告知途径：${v.map((r) => word(FAILURE_ROUTES, r)).join('、')}` : null),
  place: (v) => `地点：${clip(v)}`,
  mediators: (v) => `调解员：${clip(v)}`,
  record: (v) => `调解记录：${clip(v)}`,
  form: (v) => `协议形式：${word(AGREEMENT_FORMS, v)}`,
  terms: (v) => `协议内容：${clip(v)}`,
  performMethod: (v) => `履行方式：${clip(v)}`,
  performDueOn: (v) => `履行期限：${clip(v)}`,
  performedOnSpot: yes('当场履行完毕'),
  partiesSigned: yes('当事人已签名'),
  mediatorSigned: yes('调解员已签名'),
  sealed: yes('已加盖调解委员会印章'),
  court: (v) => `人民法院：${clip(v)}`,
  jointly: yes('双方共同申请'),
  confirmed: (v) => (v === true ? '裁定确认协议有效' : v === false ? '裁定不予确认' : null),
  note: (v) => `情况：${clip(v)}`,
  told: yes('已告知当事人'),
  route: (v) => `升级途径：${word(ESCALATION_ROUTES, v)}`,
  refNo: (v) => `关联事项：${clip(v)}`,
};

function describe(action: string, _before: unknown, after: unknown): string | null {
  const a = isPlain(after) ? after : {};
  if (action === 'dispute.record') {
    const routed = Array.isArray(a.routedTo) && a.routedTo.length ? `；紧急移交：${a.routedTo.join('、')}` : '';
    return `来源：${word(DISPUTE_SOURCES, a.source)}；类型：${clip(a.type)}；发生地：${clip(a.place)}；调处单位：${clip(a.owner)}；涉及${clip(a.peopleCount)}人${routed}`;
  }
  if (action === 'dispute.create') return null;
  if (action === 'dispute.campaign.create') return `排查活动：${clip(a.name)}（${clip(a.from)} 至 ${clip(a.to)}）`;
  if (action === 'dispute.campaign.report') return a.zero === true ? `零报告：${clip(a.unit)}` : `排查报告：${clip(a.unit)}，发现纠纷${clip(a.found)}件`;
  const input = isPlain(a.input) ? a.input : null;
  if (!input) return null;
  const parts = Object.entries(input)
    .filter(([k]) => k in INPUT_ZH)
    .map(([k, v]) => INPUT_ZH[k]!(v))
    .filter((p): p is string => !!p && !p.endsWith('：'));
  return parts.length ? parts.join('；') : null;
}

/** How the dispute module's audit events read in a timeline and the audit viewer. */
export const DISPUTE_WORDING: ItemWording = {
  actions: {
    'dispute.create': '纠纷登记',
    'dispute.record': '录入矛盾纠纷台账',
    ...Object.fromEntries(Object.entries(DISPUTE_MACHINE.actions).map(([code, def]) => [`dispute.${code}`, def.name])),
    'dispute.document.generate': '制作调解协议书',
    'dispute.campaign.create': '部署矛盾纠纷排查',
    'dispute.campaign.report': '报送排查情况',
    'dispute.type.create': '新增纠纷类型',
    'dispute.type.update': '修改纠纷类型',
  },
  describe,
};
