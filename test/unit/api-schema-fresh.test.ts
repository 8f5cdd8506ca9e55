import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../scripts/api-types/generate.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the console API types', () => {
  it('are the committed generation of the server OpenAPI document', { timeout: 120_000 }, async () => {
    const committed = fs.readFileSync(path.join(ROOT, SCHEMA_FILE), 'utf8');
    const fresh = await generateApiTypes();
    // one readable line instead of a 6,000-line diff: the fix is always the same command
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `${SCHEMA_FILE} is out of date with the server's routes (first difference at line ${line + 1}: ${JSON.stringify(b[line] ?? '<end of file>')}); run npm run gen:api`,
      );
    }
  });
});
