import { describe, expect, it } from 'vitest';
import { idNumberProblem, phoneProblem } from './idPhoneMessages.ts';

describe('the counter checks an ID number and a phone as they are typed, naming the field', () => {
  it('accepts a valid ID number (lower-case x too) and an empty field', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('')).toBeNull();
    expect(idNumberProblem(undefined)).toBeNull();
  });
  it('says what is wrong with an ID number: characters, length, then date or check digit', () => {
    expect(idNumberProblem('1101051949123100２X')).toBe('身份证号：只能是数字，末位可为 X');
    expect(idNumberProblem('1101051949')).toBe('身份证号：应为 18 位，已填 10 位');
    expect(idNumberProblem('110105194912310021')).toBe('身份证号：出生日期或末位校验码不正确，请核对');
    expect(idNumberProblem('110105194913310020')).toBe('身份证号：出生日期或末位校验码不正确，请核对');
  });
  it('accepts a mobile or a landline with its area code, and names 电话 otherwise', () => {
    expect(phoneProblem('13800138000')).toBeNull();
    expect(phoneProblem('0571-87654321')).toBeNull();
    expect(phoneProblem('')).toBeNull();
    expect(phoneProblem('1380013')).toMatch(/^电话：应为 11 位手机号/);
    expect(phoneProblem('138abc')).toBe('电话：只能包含数字和区号分隔符“-”');
  });
});
