import { describe, expect, it } from 'vitest';
import { itemHref } from './itemHref.ts';

describe('todo row links', () => {
  it('opens a 信访 item on its case page and other modules on the work-item detail', () => {
    expect(itemHref({ module: 'petition', workItemId: 42 })).toBe('/xf/42');
    expect(itemHref({ module: 'hazard', workItemId: 7 })).toBe('/work-items/7');
  });
});
