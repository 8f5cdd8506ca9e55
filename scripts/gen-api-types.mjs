#!/usr/bin/env node
// `npm run gen:api`: writes src/web/api/schema.gen.ts from the server's OpenAPI document
// (the app is built in-process on an in-memory database; no server needs to run).
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { generateApiTypes, SCHEMA_FILE } = await import('./api-types/generate.ts');
const target = path.resolve(import.meta.dirname, '..', SCHEMA_FILE);
const text = await generateApiTypes();
const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
if (before === text) console.log(`${SCHEMA_FILE} is up to date`);
else {
  fs.writeFileSync(target, text);
  console.log(`wrote ${SCHEMA_FILE} (${text.length} characters)`);
}
