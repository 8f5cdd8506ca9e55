#!/usr/bin/env node
// Entry point of the `anwen` command (also `npm start` and `npx anwen`).
// TypeScript sources run through tsx's loader, so no build step is needed for the server.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../src/server/cli.ts');
const code = await runCli(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
