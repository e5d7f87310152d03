#!/usr/bin/env node
// Differential check on real Terraform: parses every *.tf file under the given directories with
// our parser and with hcl2-parser (HashiCorp's HCL compiled to JS) and compares their outlines
// (block types, labels, attribute and nested-block names). Run after `npm run build`:
//   node scripts/compare-real.mjs <dir>... [--show N]
// Real module repositories are fetched outside this repository and never committed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareOutlines, oracleOutline, outlineOfParsedFile } from '../bench/oracle.js';
import { parseHcl } from '../dist/terraform/parser.js';

const args = process.argv.slice(2);
const showIndex = args.indexOf('--show');
const show = showIndex >= 0 ? Number(args.splice(showIndex, 2)[1]) : 10;
if (args.length === 0) {
  console.error('usage: node scripts/compare-real.mjs <dir>... [--show N]');
  process.exit(2);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === '.terraform') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && entry.name.endsWith('.tf')) yield full;
  }
}

const files = args.flatMap((dir) => [...walk(dir)]);
const tally = { agreed: 0, disagreed: 0, bothRejected: 0, onlyOursRejected: 0, onlyOracleRejected: 0 };
const problems = [];
files.forEach((path, i) => {
  if (i % 200 === 0) process.stderr.write(`\r${i}/${files.length} files`);
  const source = readFileSync(path, 'utf8');
  const ours = parseHcl(source, path);
  const oursFailed = ours.diagnostics.some((d) => d.severity === 'error');
  const oracle = oracleOutline(source);
  if ('error' in oracle) {
    if (oursFailed) tally.bothRejected++;
    else {
      tally.onlyOracleRejected++;
      problems.push(`${path}: only hcl2-parser rejects it: ${oracle.error}`);
    }
    return;
  }
  if (oursFailed) {
    tally.onlyOursRejected++;
    const d = ours.diagnostics.find((x) => x.severity === 'error');
    problems.push(`${path}:${d.range.start.line}:${d.range.start.column}: only we reject it: ${d.message}`);
    return;
  }
  const differences = compareOutlines(oracle, outlineOfParsedFile(ours));
  if (differences.length === 0) tally.agreed++;
  else {
    tally.disagreed++;
    problems.push(`${path}: ${differences.slice(0, 3).join('; ')}`);
  }
});
process.stderr.write('\n');
for (const problem of problems.slice(0, show)) console.log(problem);
console.log(JSON.stringify({ files: files.length, ...tally }));
process.exitCode = problems.length ? 1 : 0;
