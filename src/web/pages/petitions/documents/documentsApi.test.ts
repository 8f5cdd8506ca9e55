import { describe, expect, it } from 'vitest';
import { documentsApi, shanghaiMinute } from './documentsApi.ts';

describe('documents card helpers', () => {
  it('shows creation times in Shanghai time, across midnight', () => {
    expect(shanghaiMinute('2026-08-05T02:00:00Z')).toBe('2026-08-05 10:00');
    expect(shanghaiMinute('2026-08-05T16:30:00Z')).toBe('2026-08-06 00:30');
  });
  it('downloads from the scoped document route', () => {
    expect(documentsApi.downloadUrl(42)).toBe('/api/v1/petition-documents/42/download');
  });
});
