import { describe, expect, it } from 'vitest';
import { amountZh, auditActionZh, dayZh, describeAudit, describeChange, describeDueChange, startedClockZh } from './labels.ts';
import { createCatalog } from '../catalog/index.ts';
import { NO_NAMES } from './names.ts';

const NONE = createCatalog([]);

describe('timeline wording', () => {
  it('names amounts in the rule unit', () => {
    expect(amountZh(30, 'calendar_days')).toBe('30日');
    expect(amountZh(5, 'working_days')).toBe('5个工作日');
    expect(amountZh(null, 'hours')).toBe('');
  });

  it('names the files an attachment event added, not a count of changed fields', () => {
    const after = { attachments: [{ uploadId: 7, name: '整改前-配电箱.jpg', size: 1024, type: 'image/jpeg' }] };
    expect(describeAudit(NONE, 'item.attachments', null, after)).toBe('附件：整改前-配电箱.jpg');
  });

  it('tells a clock started on a set due date by that date, never as a length of 0 days', () => {
    expect(dayZh('2026-12-20')).toBe('2026年12月20日');
    expect(startedClockZh({ label: '整改期限', startDate: '2026-11-17', rule: null, length: '0日', dueDate: '2026-12-20' })).toBe(
      '整改期限至2026年12月20日（自 2026-11-17 起算）',
    );
    expect(
      startedClockZh({
        label: '办理期限',
        startDate: '2026-11-17',
        rule: { name: '办理期限', source: '信访工作条例第三十五条' },
        length: '60日',
        dueDate: null,
      }),
    ).toBe('办理期限：自 2026-11-17 起算，依据“办理期限”（信访工作条例第三十五条），期限60日');
  });

  it('lists the fields a change altered by their Chinese names, capped, and counts the others without printing codes', () => {
    expect(describeChange({ title: '甲', name: '龙蚕乡' }, { title: '乙', name: '龙蚕镇' })).toBe('标题：甲 → 乙；名称：龙蚕乡 → 龙蚕镇');
    expect(describeChange({ state: 'handling' }, { state: 'closed' })).toBe('1项内容变更');
    expect(describeChange({ title: '甲', name: '丙', note: '戊' }, { title: '乙', name: '丁', note: '己' }, 2)).toBe(
      '标题：甲 → 乙；名称：丙 → 丁；另有1项变更',
    );
    expect(describeChange({ parties: [] }, { parties: [{ role: 'lead', unitId: 4 }] })).toBe('1项内容变更');
    expect(describeChange({ a: 1 }, { a: 1 })).toBe('');
  });

  it('names the people, units and cases behind ids', () => {
    const names = { ...NO_NAMES, unit: (id: unknown) => (id === 4 ? '龙蚕镇' : undefined), user: (id: unknown) => (id === 9 ? '唐红梅' : undefined) };
    expect(describeChange({ assigneeId: null }, { assigneeId: 9 }, 4, names)).toBe('经办人：空 → 唐红梅');
    expect(describeAudit(NONE, 'work_item.assignee', { assigneeId: null }, { assigneeId: 9, username: 'town_lc01' }, names)).toBe('经办人：唐红梅');
    expect(describeAudit(NONE, 'work_item.parties', { parties: [] }, { parties: [{ role: 'lead', unitId: 4, leaderId: null }] }, names)).toBe('主办：龙蚕镇');
    expect(describeAudit(NONE, 'work_item.parties', { parties: [{ role: 'lead', unitId: 4 }] }, { parties: [] }, names)).toBe('撤回责任单位（原主办：龙蚕镇）');
    expect(describeAudit(NONE, 'personal.reveal', null, { field: 'phone' })).toBe('查看了信访人联系方式');
  });

  it('describes a recomputed due date, marking provisional ones', () => {
    expect(describeDueChange({ dueDate: '2027-01-04', provisional: true }, { dueDate: '2027-01-05', provisional: false })).toBe(
      '到期日 2027-01-04（暂定） → 2027-01-05',
    );
    expect(describeDueChange({ dueDate: null }, { dueDate: '2026-10-08' })).toBe('到期日 待定 → 2026-10-08');
  });

  it('never shows an action it does not know by its code', () => {
    expect(auditActionZh(NONE, 'deadline.recompute')).toBe('期限重新计算');
    expect(auditActionZh(NONE, 'hazard.inspect')).toBe('其他操作');
  });

  it('keeps the changed-fields wording for other modules', () => {
    expect(describeAudit(NONE, 'work_item.update', { title: '甲' }, { title: '乙' })).toBe('标题：甲 → 乙');
  });
});
