import { describe, expect, it } from 'vitest';
import { categoryName, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const { header, rows } = parseCsv('\uFEFFid,content\r\n1,"线路裸露，""花线""\n未穿管"\r\n2,无\r\n');
    expect(header).toEqual(['id', 'content']);
    expect(rows).toEqual([
      { id: '1', content: '线路裸露，"花线"\n未穿管' },
      { id: '2', content: '无' },
    ]);
  });

  it('gives a missing trailing field as empty and skips blank lines', () => {
    expect(parseCsv('a,b,c\n1,2\n\n').rows).toEqual([{ a: '1', b: '2', c: '' }]);
  });
});

describe('categoryName', () => {
  it('drops the guide’s numbering in full- or half-width brackets', () => {
    expect(categoryName('（一）消防检查')).toBe('消防检查');
    expect(categoryName(' （三）机械设备安全防护')).toBe('机械设备安全防护');
    expect(categoryName('(一)    消防安全')).toBe('消防安全');
    expect(categoryName('（十二）施工用电')).toBe('施工用电');
  });
});
