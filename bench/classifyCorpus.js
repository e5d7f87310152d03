// `npm run bench:classify`: how long the whole classification takes on real modules, so a
// rewrite of the classifier can show what it costs. Three measures over one tree made of every
// --dir / --repo given (each under its own top-level directory, like a monorepo):
//   (a) parse every Terraform file;
//   (b) buildChangeSet(empty, tree) + classifyChangeSet: everything created;
//   (c) buildChangeSet(tree, tree with 1% of its Terraform files changed) + classifyChangeSet:
//       a typical pull request, where every unchanged file is still parsed on both sides.
// Each is the median of --runs timed runs after one warm-up. A report, not a test: exits 0
// unless it cannot run. It needs real repositories, so it is not part of `npm run bench`.
// See docs/benchmarks.md.

import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MAX_FILE_BYTES, resolveCommit, treeReader } from './gitTrees.js';
import { machineCheckMs } from './machineCheck.js';
import { withOnePercentChanged } from './onePercent.js';

const MB = 1e6;
const BINARY_PROBE_BYTES = 8000;

const USAGE = `usage: node bench/classifyCorpus.js (--dir <path> | --repo <git-dir>)... [--runs 5]   (or: npm run bench:classify -- ...)

  --dir <path>      a checkout or export of a Terraform repository; repeatable
  --repo <git-dir>  a clone (bare or not): its HEAD tree, read from Git; repeatable
  --runs <n>        timed runs per measure (default 5; the median is reported)
  --help            this text`;

function parseArgs(argv) {
  const options = { sources: [], runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--dir') {
      const dir = value();
      if (!existsSync(dir) || !lstatSync(dir).isDirectory()) fail(`--dir: ${dir} is not a directory`);
      options.sources.push({ kind: 'dir', path: dir });
    } else if (arg === '--repo') {
      const path = value();
      const gitDir = existsSync(join(path, '.git')) ? join(path, '.git') : path;
      if (!existsSync(join(gitDir, 'HEAD'))) fail(`--repo: ${path} is not a Git clone`);
      options.sources.push({ kind: 'repo', path: gitDir, name: path });
    } else if (arg === '--runs') {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) fail('--runs needs a positive integer');
      options.runs = n;
    } else {
      fail(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.sources.length === 0) fail(`at least one --dir or --repo is needed\n${USAGE}`);
  return options;
}

function fail(message) {
  console.error(`classify-corpus: ${message}`);
  process.exit(2);
}

function progress(message) {
  process.stderr.write(`[classify] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Input: the same files bench/noise.js reads from Git (no links, nothing over 1 MB, no binaries)

function readDir(root) {
  const files = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === '.terraform' || entry.name === 'node_modules') continue;
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, path);
      else if (entry.isFile() && lstatSync(full).size <= MAX_FILE_BYTES) {
        const bytes = readFileSync(full);
        if (!bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) files.push({ path, content: bytes.toString('utf8') });
      }
    }
  };
  walk(root, '');
  return files;
}

function readSource(source) {
  if (source.kind === 'dir') return readDir(source.path);
  return treeReader(source.path)
    .read(resolveCommit(source.path))
    .files.map(({ path, content }) => ({ path, content }));
}

/** Each source under its own top-level directory, named after it (made unique if need be). */
function combinedTree(sources) {
  const used = new Set();
  const files = [];
  for (const source of sources) {
    let name = basename((source.name ?? source.path).replace(/\/+$/, '').replace(/\/(\.git|repo)$/, '')).replace(
      /\.git$/,
      '',
    );
    while (used.has(name)) name += '_';
    used.add(name);
    const found = readSource(source);
    progress(`${name}: ${found.length} files`);
    for (const file of found) files.push({ path: `${name}/${file.path}`, content: file.content });
  }
  return { files };
}

function isTerraform(path) {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

// ---------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed(label, runs, work) {
  work(); // warm-up: let V8 optimise before anything is timed
  const samples = [];
  let result;
  for (let run = 1; run <= runs; run++) {
    const start = performance.now();
    result = work();
    samples.push(performance.now() - start);
    progress(`${label} run ${run}/${runs}: ${samples[samples.length - 1].toFixed(0)} ms`);
  }
  return { ms: median(samples), min: Math.min(...samples), max: Math.max(...samples), result, rssMiB: peakRssMiB() };
}

function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

function summary(classification, changeSet) {
  const changes = Array.isArray(changeSet?.changes) ? changeSet.changes.length : '?';
  const findings = Array.isArray(classification?.findings) ? classification.findings.length : '?';
  return `${changes} changes, ${findings} findings, tier ${classification?.tier}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dist = new URL('../dist/', import.meta.url);
  if (!existsSync(fileURLToPath(new URL('change/changeSet.js', dist))))
    fail('dist/ is missing: run `npm run build` (or `npm run bench:classify`)');
  const { buildChangeSet } = await import(new URL('change/changeSet.js', dist).href);
  const { classifyChangeSet } = await import(new URL('classify/classify.js', dist).href);
  const { defaultPolicy } = await import(new URL('model/policy.js', dist).href);
  const { parseTerraformFile } = await import(new URL('terraform/parseFile.js', dist).href);

  const checkBefore = machineCheckMs();
  const tree = combinedTree(options.sources);
  const terraform = tree.files.filter((file) => isTerraform(file.path));
  const bytes = (files) => files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  const changed = withOnePercentChanged(tree);
  const empty = { files: [] };
  const rssAfterReading = peakRssMiB();

  const parse = timed('(a) parse', options.runs, () => {
    let errors = 0;
    for (const file of terraform) {
      if (parseTerraformFile(file).diagnostics.some((d) => d.severity === 'error')) errors++;
    }
    return errors;
  });
  const classify = (base, head) => {
    const changeSet = buildChangeSet(base, head);
    return summary(classifyChangeSet(changeSet, defaultPolicy()), changeSet);
  };
  const created = timed('(b) everything created', options.runs, () => classify(empty, tree));
  const onePercent = timed('(c) 1% changed', options.runs, () => classify(tree, changed.tree));
  const checkAfter = machineCheckMs();

  console.log('Four Eyes classification on a real-module corpus');
  console.log(`node ${process.version} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`);
  console.log(`sources: ${options.sources.map((s) => s.name ?? s.path).join(', ')}`);
  console.log(
    `corpus: ${tree.files.length} files, ${(bytes(tree.files) / MB).toFixed(2)} MB; Terraform ${terraform.length} files, ${(bytes(terraform) / MB).toFixed(2)} MB`,
  );
  console.log(
    `(c) changes ${changed.changed} .tf files (${changed.updates} string edits, ${changed.changed - changed.updates} new locals)`,
  );
  console.log(
    `machine check: a fixed loop took ${checkBefore.toFixed(0)} ms at the start and ${checkAfter.toFixed(0)} ms at the end`,
  );
  const drift = Math.max(checkBefore, checkAfter) / Math.min(checkBefore, checkAfter);
  if (drift > 1.15)
    console.log(
      `WARNING: the machine's speed changed by ${((drift - 1) * 100).toFixed(0)}% during the run; rerun on a quiet machine`,
    );
  console.log(
    `median of ${options.runs} runs after one warm-up; peak RSS is the process's peak so far (${rssAfterReading.toFixed(0)} MiB after reading the corpus)\n`,
  );
  const rows = [
    [
      '(a) parse every Terraform file',
      parse,
      `${(bytes(terraform) / MB / (parse.ms / 1000)).toFixed(1)} MB/s; ${parse.result} files with errors`,
    ],
    ['(b) buildChangeSet(empty, tree) + classify', created, created.result],
    ['(c) buildChangeSet(tree, 1% changed) + classify', onePercent, onePercent.result],
  ];
  const cells = rows.map(([label, t, note]) => [
    label,
    `${t.ms.toFixed(0)} ms`,
    `${t.min.toFixed(0)}-${t.max.toFixed(0)} ms`,
    `${t.rssMiB.toFixed(0)} MiB`,
    note,
  ]);
  const header = ['measure', 'median', 'spread', 'peak RSS', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

try {
  await main();
} catch (error) {
  console.error(`classify-corpus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
