/**
 * GB/T 9704-2012 text conventions: 发文字号 with 六角括号, no 第, no leading zeros; 成文日期 in
 * Arabic numerals without zero padding (2026年8月5日).
 */
export function formatDocNumber(prefix: string, year: number, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`发文序号必须为正整数：${n}`);
  return `${prefix}〔${year}〕${n}号`;
}

/** 'YYYY-MM-DD' → '2026年8月5日'. */
export function formatChineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Replaces `{name}` placeholders; unknown names stay visible (so a typo in a template shows, not vanishes). */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{([^{}\s]+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole));
}
