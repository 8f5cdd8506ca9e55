import { withoutUnsafeChars } from '../files/file-name.ts';

/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name as an RFC 5987
 * `filename*=UTF-8''…` parameter, which every current browser prefers. Control and bidi-override characters are
 * dropped (a name stored before they were refused at upload is still served clean).
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(withoutUnsafeChars(fileName)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
