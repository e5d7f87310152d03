// `npm run bench` (memory and latency of the command line): the whole `four-eyes` process, as a
// user waits for it, on a repository of real size, side by side with hcl2-parser in one run.
//   1. `inventory --format json` against hcl2-parser parsing every file to JSON: wall time
//      (target: at least 40x faster) and peak RSS (target: no higher than hcl2-parser's);
//   2. `diff` and `classify` between the tree and a copy with 1% of its Terraform files changed:
//      under 1.5 s and 250 MiB each;
//   3. the heap a file's model keeps per byte of its source, the model being what a change set
//      keeps of an unchanged file (terraform/compactFile.ts; target: at most 5; reported), and
//      beside it the whole syntax tree.
// With --corpus <dir> the tree is that directory (e.g. the real module repositories of
// docs/benchmarks.md); without it, a generated repository of the same shape and size
// (bench/syntheticRepository.js), so the bench runs without network. A report, not a test: it
// prints PASS/FAIL per target and exits 0 unless it cannot run.

import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { commandLine } from './commandLine.js';
import { machineCheckMs } from './machineCheck.js';
import { changedContent, onePercentOf } from './onePercent.js';
import { syntheticRepository } from './syntheticRepository.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGETS = { inventoryRatio: 40, changeMs: 1500, changeRssMiB: 250, retainedPerByte: 5 };

const USAGE = `usage: node bench/memory.js [options]   (part of npm run bench)

  --corpus <dir>   the repository to measure (default: a generated one of the same shape, 10.4 MB of Terraform)
  --seed <n>       seed of the generated repository (default 1)
  --runs <n>       runs of each four-eyes command; medians are reported (default 3)
  --ref-runs <n>   runs of hcl2-parser, which takes about a minute per run (default 1)
  --only <what>    inventory, change or retained (default: all three)
  --keep           keep the temporary directory (the generated tree, the changed copy, the outputs)
  --help           this text`;
const { fail, read } = commandLine('bench/memory', USAGE);

function parseArgs(argv) {
  const options = { corpus: null, seed: 1, runs: 3, refRuns: 1, only: null, keep: false };
  read(argv, (arg, value, count) => {
    if (arg === '--corpus') {
      options.corpus = value();
      if (!existsSync(options.corpus) || !statSync(options.corpus).isDirectory())
        fail(`--corpus: ${options.corpus} is not a directory`);
    } else if (arg === '--seed') options.seed = count();
    else if (arg === '--runs') options.runs = count();
    else if (arg === '--ref-runs') options.refRuns = count();
    else if (arg === '--only') {
      options.only = value();
      if (!['inventory', 'change', 'retained'].includes(options.only))
        fail('--only takes inventory, change or retained');
    } else if (arg === '--keep') options.keep = true;
    else return false;
    return true;
  });
  return options;
}

function progress(message) {
  process.stderr.write(`[memory] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// The trees

/** Every file under `root` (no links, no .git), as POSIX paths relative to it. */
function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '.git') walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function writeTree(root, files) {
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
}

/** The base tree: --corpus as it is, or the generated repository written to `work`. */
async function baseTree(options, work) {
  if (options.corpus) return { dir: options.corpus, label: `--corpus ${options.corpus}` };
  const { parseHcl } = await import(new URL('../dist/terraform/parser.js', import.meta.url).href);
  const dir = join(work, 'base');
  progress(`generating a repository (seed ${options.seed})…`);
  writeTree(dir, syntheticRepository({ terraformBytes: 10.4e6, seed: options.seed, parseHcl }));
  return { dir, label: `a generated repository (bench/syntheticRepository.js, seed ${options.seed})` };
}

/** A copy of the base with 1% of its `.tf` files changed (bench/onePercent.js). */
function changedCopy(base, work) {
  const head = join(work, 'head');
  cpSync(base, head, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes('.git') });
  const chosen = onePercentOf(listFiles(head));
  for (const path of chosen) {
    const full = join(head, path);
    writeFileSync(full, changedContent(readFileSync(full, 'utf8')).content);
  }
  return { dir: head, changed: chosen.size };
}

function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  let terraformFiles = 0;
  let terraformBytes = 0;
  for (const path of listFiles(dir)) {
    const size = statSync(join(dir, path)).size;
    files++;
    bytes += size;
    if (/\.(tf|tofu)(\.json)?$/.test(path)) {
      terraformFiles++;
      terraformBytes += size;
    }
  }
  return { files, bytes, terraformFiles, terraformBytes };
}

// ---------------------------------------------------------------------------------------------
// Measuring a whole process

/**
 * Runs `node bench/measured.js <script> <args>` with stdout to `outFile`: wall time from spawn to
 * exit (start-up included), and the peak RSS and CPU time the process reports on fd 3.
 */
function measureProcess(script, args, outFile, nodeFlags = []) {
  return new Promise((resolveRun, rejectRun) => {
    const out = openSync(outFile, 'w');
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, join(ROOT, 'bench/measured.js'), script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', out, 'pipe', 'pipe'],
    });
    let report = '';
    let stderr = '';
    child.stdio[3].on('data', (chunk) => (report += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', rejectRun);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      closeSync(out);
      if (report === '') return rejectRun(new Error(`${script} ${args.join(' ')} reported nothing: ${stderr.trim()}`));
      resolveRun({ wallMs, ...JSON.parse(report), stderr });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians and spreads of several runs of one command. */
function summarize(runs) {
  const pick = (key) => runs.map((run) => run[key]);
  return {
    wallMs: median(pick('wallMs')),
    wallMin: Math.min(...pick('wallMs')),
    wallMax: Math.max(...pick('wallMs')),
    cpuMs: median(pick('cpuMs')),
    peakRssMiB: median(pick('peakRssMiB')),
    rssMax: Math.max(...pick('peakRssMiB')),
    exitCode: runs[runs.length - 1].exitCode,
  };
}

// ---------------------------------------------------------------------------------------------
// The measures

const CLI = 'bin/four-eyes.js';

async function measureInventory(options, base, work) {
  const ours = [];
  const reference = [];
  const ourOut = join(work, 'inventory.json');
  const refOut = join(work, 'hcl2.jsonl');
  const rounds = Math.max(options.runs, options.refRuns);
  // Interleaved, so that a change in the machine's load touches both alike.
  for (let round = 1; round <= rounds; round++) {
    if (round <= options.runs) {
      ours.push(await measureProcess(CLI, ['inventory', '--format', 'json', base.dir], ourOut));
      progress(`inventory run ${round}/${options.runs}: ${line(ours.at(-1))}`);
    }
    if (round <= options.refRuns) {
      progress('hcl2-parser: parsing every file to JSON (about a minute)…');
      reference.push(await measureProcess('bench/hcl2Inventory.js', [base.dir], refOut));
      progress(`hcl2-parser run ${round}/${options.refRuns}: ${line(reference.at(-1))}`);
    }
  }
  const output = JSON.parse(readFileSync(ourOut, 'utf8'));
  const referenceLines = readFileSync(refOut, 'utf8').split('\n').filter(Boolean).length;
  return {
    ours: summarize(ours),
    reference: summarize(reference),
    note: `${output.files.length} files, ${output.objects.length} objects, ${(statSync(ourOut).size / 1e6).toFixed(1)} MB of JSON; hcl2-parser: ${referenceLines} files, ${(statSync(refOut).size / 1e6).toFixed(1)} MB`,
  };
}

async function measureChange(options, base, work) {
  const head = changedCopy(base.dir, work);
  progress(`head: a copy with ${head.changed} .tf files changed`);
  const results = {};
  for (const command of ['diff', 'classify']) {
    const out = join(work, `${command}.json`);
    const runs = [];
    for (let run = 1; run <= options.runs; run++) {
      runs.push(await measureProcess(CLI, [command, '--base', base.dir, '--head', head.dir], out));
      progress(`${command} run ${run}/${options.runs}: ${line(runs.at(-1))}`);
    }
    const output = JSON.parse(readFileSync(out, 'utf8'));
    results[command] = {
      ...summarize(runs),
      note:
        command === 'diff'
          ? `${output.changes.length} changes, ${output.files.length} changed files`
          : `${output.findings.length} findings, tier ${output.tier}`,
    };
  }
  return { ...results, changedFiles: head.changed };
}

/** In a child with --expose-gc: the heap parsed files keep, per byte of their source. */
function measureRetained(base) {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--retained-child', base.dir],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`retained-heap child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

async function retainedChild(dir) {
  const { parseTerraformFile, isTerraformPath } = await import(
    new URL('../dist/terraform/parseFile.js', import.meta.url).href
  );
  const compactUrl = new URL('../dist/terraform/compactFile.js', import.meta.url);
  const compactFile = existsSync(fileURLToPath(compactUrl)) ? (await import(compactUrl.href)).compactFile : null;
  const paths = listFiles(dir).filter(isTerraformPath);
  const read = () => paths.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') }));
  const bytes = read().reduce((n, file) => n + Buffer.byteLength(file.content), 0);
  for (const file of read()) parseTerraformFile(file); // warm-up: the JIT's code is not the model
  // Each model keeps what it needs of the source (a syntax tree's names and strings point into
  // it; a compact file parses its blocks again from it): the source is counted in both.
  const perByte = (model) => {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const kept = read().map(model);
    globalThis.gc();
    const retained = (process.memoryUsage().heapUsed - before) / bytes;
    return kept.length > 0 ? retained : 0;
  };
  const tree = perByte(parseTerraformFile);
  const compact = compactFile ? perByte((file) => compactFile(parseTerraformFile(file), file.content)) : null;
  process.stdout.write(JSON.stringify({ files: paths.length, bytes, tree, compact }));
}

function line(run) {
  return `${(run.wallMs / 1000).toFixed(2)} s, CPU ${(run.cpuMs / 1000).toFixed(2)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, exit ${run.exitCode}`;
}

// ---------------------------------------------------------------------------------------------
// Reporting

function verdict(ok) {
  return ok ? 'PASS' : 'FAIL';
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i] ?? '').length)));
  const fmt = (cells) =>
    cells
      .map((cell, i) => String(cell ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(fmt(row));
}

function commandRow(label, s) {
  return [
    label,
    seconds(s.wallMs),
    `${seconds(s.wallMin)}-${seconds(s.wallMax)}`,
    seconds(s.cpuMs),
    `${s.peakRssMiB.toFixed(0)} MiB`,
  ];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/cli/run.js'))) fail('dist/ is missing: run `npm run build` (or `npm run bench`)');
  const work = mkdtempSync(join(tmpdir(), 'four-eyes-memory-'));
  try {
    const checkBefore = machineCheckMs();
    const base = await baseTree(options, work);
    const size = treeSize(base.dir);
    const inventory =
      !options.only || options.only === 'inventory' ? await measureInventory(options, base, work) : null;
    const change = !options.only || options.only === 'change' ? await measureChange(options, base, work) : null;
    const retained = !options.only || options.only === 'retained' ? measureRetained(base) : null;
    const checkAfter = machineCheckMs();

    console.log('\nMemory and latency of the command line (whole processes, started as a user starts them)');
    console.log(`node ${process.version} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`);
    console.log(
      `corpus: ${base.label}: ${size.files} files, ${(size.bytes / 1e6).toFixed(2)} MB; Terraform ${size.terraformFiles} files, ${(size.terraformBytes / 1e6).toFixed(2)} MB`,
    );
    console.log(
      `machine check: a fixed loop took ${checkBefore.toFixed(0)} ms at the start and ${checkAfter.toFixed(0)} ms at the end (about 290 ms on a quiet machine)`,
    );
    const drift = Math.max(checkBefore, checkAfter) / Math.min(checkBefore, checkAfter);
    if (drift > 1.15 || checkBefore > 400)
      console.log('WARNING: the machine is loaded or changed speed during the run: wall times are not to be trusted');
    console.log(
      `medians of ${options.runs} runs (hcl2-parser: ${options.refRuns}); stdout to a file, so JSON is compact\n`,
    );

    const rows = [];
    const verdicts = [];
    if (inventory) {
      rows.push(commandRow('four-eyes inventory --format json', inventory.ours));
      rows.push(commandRow('hcl2-parser, every file to JSON', inventory.reference));
      const ratio = inventory.reference.wallMs / inventory.ours.wallMs;
      verdicts.push(
        [
          `inventory: ${ratio.toFixed(0)}x faster than hcl2-parser`,
          `>= ${TARGETS.inventoryRatio}x`,
          verdict(ratio >= TARGETS.inventoryRatio),
        ],
        [
          `inventory: peak RSS ${inventory.ours.peakRssMiB.toFixed(0)} MiB, hcl2-parser ${inventory.reference.peakRssMiB.toFixed(0)} MiB`,
          'no higher',
          verdict(inventory.ours.peakRssMiB <= inventory.reference.peakRssMiB),
        ],
      );
    }
    if (change) {
      for (const command of ['diff', 'classify']) {
        const s = change[command];
        rows.push(commandRow(`four-eyes ${command} (1% of .tf files changed)`, s));
        verdicts.push([
          `${command}: ${seconds(s.wallMs)}, peak RSS ${s.peakRssMiB.toFixed(0)} MiB (${s.note})`,
          `< ${TARGETS.changeMs / 1000} s, < ${TARGETS.changeRssMiB} MiB`,
          verdict(s.wallMs < TARGETS.changeMs && s.peakRssMiB < TARGETS.changeRssMiB),
        ]);
      }
    }
    if (rows.length > 0) printTable(['command', 'wall (median)', 'spread', 'CPU', 'peak RSS'], rows);
    if (inventory) console.log(`\ninventory output: ${inventory.note}`);
    if (retained) {
      // What a change set keeps of a file is the compact model; the syntax tree is what it was.
      const model = retained.compact ?? retained.tree;
      verdicts.push(
        [
          `retained heap per byte of source, file model a change set keeps (${retained.files} files)`,
          `<= ${TARGETS.retainedPerByte} (report)`,
          `${model.toFixed(1)} ${verdict(model <= TARGETS.retainedPerByte)}`,
        ],
        ['  the whole syntax tree, for comparison', '', retained.tree.toFixed(1)],
      );
    }
    console.log('');
    printTable(['target', 'goal', 'verdict'], verdicts);
  } finally {
    if (options.keep) progress(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--retained-child') await retainedChild(process.argv[3]);
else await main();
