#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript under dist/ (npm run build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('four-eyes: not built yet; run "npm ci && npm run build" in the four-eyes checkout first\n');
  process.exit(2);
}
await import(entry.href);
