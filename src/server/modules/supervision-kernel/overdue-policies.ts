import type { OverdueSupervisionPolicy } from '../../kernel/supervision/index.ts';

/**
 * The clocks that bring an automatic 督办通知 the day they go overdue, per module. 信访: the
 * 信访部门 routing limit (15 days, Art. 22), the handling limit (60 days, Art. 34) and the 复查/复核
 * decision limits (Art. 35/36), and a higher level's own due date on an item it 交办 ('instructed'). Other modules (隐患, 督查事项 …) add their line here.
 */
export const OVERDUE_SUPERVISION_POLICIES: readonly OverdueSupervisionPolicy[] = [
  { module: 'petition', ruleKeys: ['xf.dept.route', 'xf.handle', 'xf.fucha.answer', 'xf.fuhe.answer', 'instructed'] },
];
