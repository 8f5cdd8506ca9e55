import { describe, expect, it } from 'vitest';
import { assessHazardText, knownHazardCategoryNames, USABLE_DESCRIPTION_HINT } from './index.ts';

const EXIT_ITEM = '2、安全出口、疏散通道是否畅通，安全疏散指示标志、应急照明是否完好；';
const WIRING_ITEM = '1、电气线路应穿金属管或阻燃型PVC管保护，不得使用双绞线（俗称花线）。';

describe('hazard description quality gate', () => {
  it.each(['已整改', '无', '一般', '已经整改', '正常'])('refuses “%s”: it says nothing about a hazard', (description) => {
    const r = assessHazardText({ description, checklistItem: EXIT_ITEM });
    expect(r.usable).toBe(false);
    expect(r.problems[0]).toContain('看不出发现了什么隐患');
    expect(r.message).toBe(USABLE_DESCRIPTION_HINT);
    expect(r.categories).toEqual([]);
  });

  it.each(['', '   ', '\n', '。。'])('refuses a blank description (%j)', (description) => {
    const r = assessHazardText({ description });
    expect(r.usable).toBe(false);
    expect(r.score).toBe(0);
    expect(r.problems).toEqual(['没有填写隐患描述']);
  });

  it('refuses the checklist item typed back, with or without its numbering', () => {
    for (const description of [EXIT_ITEM, '安全出口、疏散通道是否畅通，安全疏散指示标志、应急照明是否完好']) {
      const r = assessHazardText({ description, checklistItem: EXIT_ITEM });
      expect(r.usable).toBe(false);
      expect(r.problems[0]).toContain('照抄了检查项');
    }
  });

  it('refuses checklist wording even when the entry form does not say which item was checked', () => {
    const r = assessHazardText({ description: '电气线路应穿金属管或阻燃型PVC管保护，不得使用双绞线（俗称花线）。' });
    expect(r.usable).toBe(false);
    expect(r.problems[0]).toContain('照抄了检查项');
  });

  it('accepts a concrete description: where, what is wrong, how serious', () => {
    const r = assessHazardText({ description: '二楼配电箱门损坏、线路裸露，未设警示', checklistItem: WIRING_ITEM });
    expect(r.usable).toBe(true);
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.problems).toEqual([]);
    expect(r.message).toBeUndefined();
  });

  it('accepts the item reworded as what was found (the item says 畅通, the report says 堵塞)', () => {
    const r = assessHazardText({ description: '一楼仓库安全出口被货物堵塞，疏散通道不畅通', checklistItem: EXIT_ITEM });
    expect(r.usable).toBe(true);
  });

  it('scores usable descriptions higher than refused ones', () => {
    const good = assessHazardText({ description: '三楼走廊应急照明灯不亮', checklistItem: EXIT_ITEM });
    const bad = assessHazardText({ description: '检查完整', checklistItem: EXIT_ITEM });
    expect(good.score).toBeGreaterThan(bad.score);
  });
});

describe('hazard category suggestion', () => {
  it('suggests 消防 first for a blocked fire exit', () => {
    const r = assessHazardText({ description: '一楼仓库安全出口被货物堵塞，疏散通道不畅通' });
    expect(r.categories).toHaveLength(3);
    expect(r.categories[0]!.name).toContain('消防');
  });

  it('suggests 电气安全 first for exposed wiring', () => {
    const r = assessHazardText({ description: '车间插座电线绝缘皮破损，铜线裸露' });
    expect(r.categories[0]).toMatchObject({ code: '（二）电气安全', name: '电气安全' });
  });

  it('names categories without the guide’s numbering, best first, scores as probabilities', () => {
    const r = assessHazardText({ description: '灭火器过期，压力不足' });
    for (const c of r.categories) {
      expect(c.name).not.toMatch(/^[(（]/);
      expect(c.code).toContain(c.name);
    }
    const scores = r.categories.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b)).toBeLessThanOrEqual(1.001);
    expect(knownHazardCategoryNames()).toContain('电气安全');
  });
});
