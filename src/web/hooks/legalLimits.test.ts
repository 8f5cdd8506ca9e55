import { describe, expect, it } from 'vitest';
import { fillLimits, limitText } from './legalLimits.ts';
import type { LegalRule } from '../api/types.ts';

const rule = (key: string, amount: number, unit: LegalRule['unit']) => ({ key, amount, unit }) as LegalRule;

describe('time limits quoted from the legal rules', () => {
  it('fills each {rule} with its limit as the law words it, so a changed rule changes the hint', () => {
    const rules = [rule('xf.handle.ext', 30, 'calendar_days'), rule('xf.transfer.objection', 5, 'working_days'), rule('legal.susong', 6, 'months')];
    expect(fillLimits('延期最长{xf.handle.ext}；退回限{xf.transfer.objection}内；诉讼{legal.susong}内', rules)).toBe(
      '延期最长30日；退回限5个工作日内；诉讼6个月内',
    );
    expect(fillLimits('延期最长{xf.handle.ext}', [rule('xf.handle.ext', 20, 'working_days')])).toBe('延期最长20个工作日');
    expect(limitText(rule('acc.unit', 1, 'hours'))).toBe('1小时');
  });

  it('says 规定期限 while the rules load or for a rule that does not exist, never a number or the key', () => {
    expect(fillLimits('最长{xf.handle.ext}', undefined)).toBe('最长规定期限');
    expect(fillLimits('最长{no.such}', [])).toBe('最长规定期限');
  });
});
