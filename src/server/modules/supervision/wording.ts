import type { ItemWording } from '../../kernel/catalog/index.ts';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (v: unknown, max = 120): string => {
  const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

/** How a 督办事项's events read on the timeline and in the audit viewer. */
export const SUPERVISION_WORDING: ItemWording = {
  actions: {
    'supervision.create': '登记督办事项',
    'supervision.assign': '交办督办事项',
    'supervision.start': '签收办理',
    'supervision.report': '反馈办理情况',
    'supervision.verify': '核查销号',
    'supervision.sendBack': '退回重办',
    'supervision.dispatch_issue': '印发督办通知',
    'supervision.dispatch_void': '作废督办通知',
  },
  describe(action, _before, after) {
    const a = isPlain(after) ? after : {};
    const input = isPlain(a.input) ? a.input : a;
    switch (action) {
      case 'supervision.assign':
        return [`来源：${clip(a.source)}`, `承办单位：${clip(a.unit)}`, `完成时限：${clip(a.dueDate)}`, a.detail ? `要求：${clip(a.detail)}` : '']
          .filter(Boolean)
          .join('；');
      case 'supervision.start':
        return input.note ? `签收说明：${clip(input.note)}` : '已签收';
      case 'supervision.report':
        return `办理情况：${clip(input.reportText)}${Array.isArray(input.attachmentIds) && input.attachmentIds.length > 0 ? `；佐证材料 ${input.attachmentIds.length} 份` : ''}`;
      case 'supervision.verify':
        return `核查意见：${clip(input.note)}`;
      case 'supervision.sendBack':
        return `退回理由：${clip(input.reason)}`;
      case 'supervision.dispatch_issue':
        return `${clip(a.docNo)}《${clip(a.subject)}》`;
      case 'supervision.dispatch_void':
        return `作废 ${clip(a.docNo)}：${clip(a.reason)}`;
      default:
        return null;
    }
  },
  fields: {
    source: { label: '督办来源' },
    unit: { label: '承办单位' },
    office: { label: '督办单位' },
    dueDate: { label: '完成时限' },
    detail: { label: '督办要求' },
    reportText: { label: '办理情况' },
    note: { label: '意见' },
    reason: { label: '理由' },
    docNo: { label: '发文字号' },
    subject: { label: '标题' },
  },
};
