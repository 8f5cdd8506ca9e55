#!/usr/bin/env node
// Entry point of the `anwen` command (also `npm start` and `npx anwen`).
// TypeScript sources run through tsx's loader, so no build step is needed for the server.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../src/server/cli.ts');
const code = await runCli(process.argv.slice(2));
if (typeof code === 'number') {
  process.exitCode = code;
  // a failed command exits even if a handle it opened is still alive (output has a moment to flush)
  if (code !== 0) setTimeout(() => process.exit(code), 2000).unref();
}
