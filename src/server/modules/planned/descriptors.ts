import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';

/**
 * The module still to be built (督查督办: issue 16; 安全隐患, 矛盾纠纷 and 稳评 have their own descriptors), registered with their
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
  planned('supervision', '督查督办', { assigned: '已交办', in_progress: '办理中', tracking: '跟踪督办中', closed: '已办结' }),
];
