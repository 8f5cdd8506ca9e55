import { describe, expect, it } from 'vitest';
import { validateRows, type Lookups } from './validate-rows.ts';
import { parseDay } from '../../../kernel/imports/index.ts';

const lookups: Lookups = {
  categories: [
    { id: 1, name: '劳动和社会保障', parentName: null },
    { id: 2, name: '拖欠工资', parentName: '劳动和社会保障' },
    { id: 3, name: '其他', parentName: '劳动和社会保障' },
    { id: 4, name: '其他', parentName: '城乡建设' },
  ],
  units: [
    { id: 10, name: '龙蚕镇' },
    { id: 11, name: '碧溪乡' },
    { id: 12, name: '碧溪乡' },
  ],
  today: '2026-03-10',
};
const good = {
  receivedDate: '2026-03-02',
  channel: '来信',
  matterType: '申诉求决类',
  category: '拖欠工资',
  place: '龙蚕镇',
  title: '拖欠工资',
  content: '工地拖欠工资三个月。',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
};

describe('信访台账 row validation', () => {
  it('turns a good row into the intake body of manual registration', () => {
    const [r] = validateRows([{ row: 2, cells: good }], lookups);
    expect(r!.errors).toEqual([]);
    expect(r!.body).toMatchObject({
      channel: 'letter',
      matterType: 'appeal',
      categoryId: 2,
      placeUnitId: 10,
      receivedAt: '2026-03-02T00:00:00+08:00',
      petitioners: [{ name: '张三', idNumber: '11010519491231002X' }],
    });
  });

  it('names every problem of a row in zh-CN', () => {
    const [r] = validateRows(
      [
        {
          row: 7,
          cells: {
            ...good,
            receivedDate: '2026-02-30',
            channel: '传真',
            idNumber: '110105194912310021',
            phone: '123',
            category: '其他',
            place: '碧溪乡',
            lawRelated: '也许',
          },
        },
      ],
      lookups,
    );
    expect(r!.ok).toBe(false);
    expect(r!.row).toBe(7);
    const text = r!.errors.join('\n');
    expect(text).toContain('登记日期“2026-02-30”不是有效日期');
    expect(text).toContain('渠道“传真”无效');
    expect(text).toContain('身份证号“110105194912310021”无效');
    expect(text).toContain('联系电话“123”无效');
    expect(text).toContain('问题类别“其他”不唯一');
    expect(text).toContain('问题属地“碧溪乡”不唯一');
    expect(text).toContain('涉法涉诉应填“是”或“否”');
  });

  it('resolves a category by “上级/名称”, needs 人次 for visits, refuses future dates and anonymous appeals', () => {
    expect(validateRows([{ row: 2, cells: { ...good, category: '城乡建设/其他' } }], lookups)[0]!.body?.categoryId).toBe(4);
    expect(validateRows([{ row: 2, cells: { ...good, channel: '来访' } }], lookups)[0]!.errors).toContain('来访须填写人次');
    expect(validateRows([{ row: 2, cells: { ...good, receivedDate: '2026-03-11' } }], lookups)[0]!.errors).toContain('登记日期 2026-03-11 晚于今天');
    const anon = validateRows([{ row: 2, cells: { ...good, anonymous: '是' } }], lookups)[0]!;
    expect(anon.ok).toBe(false);
    expect(anon.errors.join()).toContain('申诉求决类信访不能匿名');
    expect(validateRows([{ row: 3, cells: { ...good, title: '' } }], lookups)[0]!.errors).toContain('标题必填');
  });

  it('reads the usual ways of writing a day', () => {
    expect(parseDay('2026/3/2')).toBe('2026-03-02');
    expect(parseDay('2026年3月2日')).toBe('2026-03-02');
    expect(parseDay('2026-13-01')).toBeNull();
  });
});
