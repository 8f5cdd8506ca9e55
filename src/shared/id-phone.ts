/**
 * Code both the server and the console run (pure functions, no imports): the citizen's form checks an ID number
 * and a phone the same way the server does before it accepts them.
 */
/** 居民身份证号码 (GB 11643-1999): 18 characters, valid birth date, ISO 7064 MOD 11-2 check digit. */
export function isValidIdNumber(id: string): boolean {
  const v = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const birth = v.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

/** Mainland mobile (1 + 10 digits) or landline with area code (0xx-xxxxxxx[x]). */
export function isValidPhone(phone: string): boolean {
  const v = phone.replace(/[\s\-()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}\d{7,8}$/.test(v);
}
