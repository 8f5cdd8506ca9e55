/**
 * Masked display of personal data: enough to tell people apart on a list, not enough to
 * identify them. Full values are shown only through an audited reveal with a stated reason.
 */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length <= 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const v = phone.replace(/\s/g, '');
  if (/^1\d{10}$/.test(v)) return `${v.slice(0, 3)}****${v.slice(-4)}`;
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
