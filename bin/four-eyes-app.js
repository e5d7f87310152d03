#!/usr/bin/env node
// Thin launcher for the GitHub App (`npm start`): the app is compiled TypeScript under dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/start.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('four-eyes: not built yet; run "npm ci && npm run build" in the four-eyes checkout first\n');
  process.exit(2);
}
await import(entry.href);
