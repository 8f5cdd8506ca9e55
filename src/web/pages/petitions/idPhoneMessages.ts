import { isValidIdNumber, isValidPhone } from '../../../shared/id-phone.ts';

/** 身份证号 checked as it is typed: length first, then the birth date and the check digit (the server's own function). */
export function idNumberProblem(raw: string | undefined): string | null {
  const v = (raw ?? '').trim().toUpperCase();
  if (!v) return null;
  if (!/^[\dX]*$/.test(v)) return '身份证号：只能是数字，末位可为 X';
  if (v.length !== 18) return `身份证号：应为 18 位，已填 ${v.length} 位`;
  if (!isValidIdNumber(v)) return '身份证号：出生日期或末位校验码不正确，请核对';
  return null;
}

/** 电话 as typed: a mobile (11 digits from 1) or a landline with its area code. */
export function phoneProblem(raw: string | undefined): string | null {
  const v = (raw ?? '').trim();
  if (!v) return null;
  if (/[^\d\s\-()（）+]/.test(v)) return '电话：只能包含数字和区号分隔符“-”';
  if (!isValidPhone(v)) return '电话：应为 11 位手机号，或带区号的固定电话（如 0571-87654321）';
  return null;
}
