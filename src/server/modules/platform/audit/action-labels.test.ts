import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../kernel/catalog/index.ts';
import { MODULES } from '../../registry.ts';
import { actionName } from './action-labels.ts';

const SERVER = path.resolve(import.meta.dirname, '../../..');

/** Every literal `action: '…'` (also both arms of a ternary) written by a file that appends to the audit trail. */
function auditedActions(): { action: string; file: string }[] {
  const out: { action: string; file: string }[] = [];
  for (const rel of fs.readdirSync(SERVER, { recursive: true }) as string[]) {
    if (!rel.endsWith('.ts') || rel.endsWith('.test.ts')) continue;
    const src = fs.readFileSync(path.join(SERVER, rel), 'utf8');
    if (!src.includes('appendAudit(')) continue;
    for (const m of src.matchAll(/\baction:\s*([^,}\n]+)/g))
      for (const q of m[1]!.matchAll(/'([a-z_]+(?:\.[a-zA-Z_]+)+)'/g)) out.push({ action: q[1]!, file: rel });
  }
  return out;
}

describe('audit action names', () => {
  it('every action the code base writes to the audit trail has a zh-CN name (never 其他操作 in the audit viewer)', () => {
    const modules = createCatalog(MODULES);
    const found = auditedActions();
    expect(found.length).toBeGreaterThan(100);
    const unnamed = found.filter((f) => actionName(modules, f.action) === '其他操作').map((f) => `${f.action} (${f.file})`);
    expect(unnamed).toEqual([]);
  });
});
