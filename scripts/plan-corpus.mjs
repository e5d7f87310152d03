// Reads every plan JSON under the given directories with readPlan (from dist/, so `npm run build`
// first) and prints how many it read and how many it refused, grouped by message: a check of the
// reader against real `terraform show -json` outputs (other projects' test data), not run in CI.
//
//   node scripts/plan-corpus.mjs <dir>... [--verbose]
//
// A *.json file counts as a plan when its text mentions "resource_changes", or both
// "format_version" and "planned_values" (state, schema and config files are skipped).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { planDigest } from '../dist/plan/planDigest.js';
import { readPlan } from '../dist/plan/readPlan.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dirs = args.filter((arg) => arg !== '--verbose');
if (dirs.length === 0) {
  console.error('usage: node scripts/plan-corpus.mjs <dir>... [--verbose]');
  process.exit(2);
}

function* jsonFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') yield* jsonFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield path;
  }
}

function looksLikePlan(text) {
  return (
    text.includes('"resource_changes"') || (text.includes('"format_version"') && text.includes('"planned_values"'))
  );
}

let read = 0;
let skipped = 0;
let resourceChanges = 0;
const refused = new Map();
const versions = new Map();
for (const dir of dirs) {
  for (const path of jsonFiles(dir)) {
    const text = readFileSync(path, 'utf8');
    if (!looksLikePlan(text)) {
      skipped++;
      continue;
    }
    const source = relative(process.cwd(), path);
    const result = readPlan(text, source);
    if ('plan' in result) {
      read++;
      resourceChanges += result.plan.resourceChanges.length;
      versions.set(result.plan.formatVersion, (versions.get(result.plan.formatVersion) ?? 0) + 1);
      if (verbose) console.log(`read     ${source}  ${planDigest(result.plan)}`);
    } else {
      // Group by the message without indexes, so one kind of refusal is one line.
      const kind = result.error.message.replace(/\[\d+\]/g, '[n]').replace(/\(line \d+, column \d+\)/, '(line n)');
      const files = refused.get(kind) ?? [];
      files.push(`${source}${result.error.line ? `:${result.error.line}` : ''}`);
      refused.set(kind, files);
    }
  }
}

const refusedCount = [...refused.values()].reduce((sum, files) => sum + files.length, 0);
console.log(`plans read: ${read} (${resourceChanges} resource changes)`);
console.log(`format versions read: ${[...versions].map(([v, n]) => `${v} ×${n}`).join(', ') || 'none'}`);
console.log(`plans refused: ${refusedCount}`);
for (const [message, files] of refused) {
  console.log(`  ${files.length} × ${message}`);
  for (const file of files) console.log(`      ${file}`);
}
console.log(`other *.json files skipped (not plans): ${skipped}`);
