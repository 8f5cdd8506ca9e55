import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';

/**
 * The modules still to be built (矛盾纠纷, 稳评, 督查督办: issues 15–16; 安全隐患 has its own descriptor in modules/safety), registered with their
 * names and state words only, so that work items already filed under them (the demo's, a partner's) read
 * in Chinese in 我的待办, lists and the timeline and open on the generic work-item page. Each is replaced
 * by its module's own descriptor (machine, visibility rule, wording, messages) when the module is built.
 */
const planned = (kind: string, name: string, states: Record<string, string>): ModuleDescriptor => ({
  kind,
  name,
  detailHref: (id) => `/work-items/${id}`,
  states: Object.fromEntries(Object.entries(states).map(([code, word]) => [code, { name: word }])),
  wording: { actions: {} },
  overdueRuleKeys: [],
  messages: {},
  documentKinds: [],
});

export const PLANNED_MODULES: readonly ModuleDescriptor[] = [
  planned('dispute', '矛盾纠纷', { registered: '已登记', mediating: '调解中', closed: '已调结' }),
  planned('supervision', '督查督办', { assigned: '已交办', in_progress: '办理中', tracking: '跟踪督办中', closed: '已办结' }),
];
