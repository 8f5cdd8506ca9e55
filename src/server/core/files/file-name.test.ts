import { describe, expect, it } from 'vitest';
import { cleanFileName } from './attachment-store.ts';
import { withoutUnsafeChars } from './file-name.ts';
import { contentDisposition } from '../http/content-disposition.ts';

describe('file names lose the characters that hide what a file is', () => {
  it('drops bidi overrides, isolates, marks and controls from an uploaded name ("invoice\\u202Efdp.exe")', () => {
    expect(cleanFileName('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.pdf');
    expect(cleanFileName('\u2066合同\u2069\u200F扫描\u200E件\u202A\u202B\u202C\u202D.png', 'image/png')).toBe('合同扫描件.png');
    expect(cleanFileName('a\u0000b\u0085c\u061C\u200Bd\u2028e.jpg', 'image/jpeg')).toBe('abcde.jpg');
    // nothing left: a neutral name
    expect(cleanFileName('\u202E\u2067', 'application/pdf')).toBe('附件.pdf');
    expect(withoutUnsafeChars('信访件 附件（一）.pdf')).toBe('信访件 附件（一）.pdf');
  });

  it('a download never carries them either (names stored before this rule)', () => {
    const header = contentDisposition('invoice\u202Efdp.pdf', 'invoice.pdf');
    expect(header).toContain("filename*=UTF-8''invoicefdp.pdf");
    expect(header).not.toMatch(/%E2%80%AE/i);
  });
});
