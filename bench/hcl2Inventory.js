// The reference for `four-eyes inventory` in bench/memory.js: hcl2-parser (HashiCorp's HCL
// parser compiled to JavaScript) parses every native-syntax configuration file under a
// directory to JSON, written to stdout one file per line as it goes. Usage:
// node bench/hcl2Inventory.js <dir>

import { readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import hcl from 'hcl2-parser';

const SKIPPED = new Set(['.git', '.terraform', 'node_modules']);

function* terraformFiles(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) yield* terraformFiles(path);
    else if (entry.isFile() && (entry.name.endsWith('.tf') || entry.name.endsWith('.tofu'))) yield path;
  }
}

const root = process.argv[2];
if (root === undefined) {
  console.error('usage: node bench/hcl2Inventory.js <dir>');
  process.exit(2);
}
let rejected = 0;
for (const path of terraformFiles(root)) {
  const [value, error] = hcl.parseToObject(readFileSync(path, 'utf8'));
  if (error) rejected++;
  writeSync(1, `${JSON.stringify({ path, value: value ?? null, error: error ? String(error) : null })}\n`);
}
if (rejected > 0) console.error(`hcl2-parser rejected ${rejected} file(s)`);
