import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../../src/web');
/** pure code both sides run (the portal checks ID and phone numbers as the server does) */
const SHARED = path.resolve(import.meta.dirname, '../../src/shared');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('the web console', () => {
  it('imports no server code: it knows the API only through the generated schema.gen.ts (and src/shared)', () => {
    const offending: string[] = [];
    for (const file of files(WEB)) {
      if (file.endsWith('.test.ts')) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const resolved = path.resolve(path.dirname(file), spec);
        if (resolved.startsWith(WEB + path.sep) || resolved.startsWith(SHARED + path.sep)) continue;
        offending.push(`${path.relative(WEB, file)} -> ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
