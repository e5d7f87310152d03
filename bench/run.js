// `npm run bench`: throughput of our HCL parser against hcl2-parser (HashiCorp's parser compiled
// to JS) on a generated corpus of realistic Terraform, plus the worst event-loop blocking of a
// single file and peak memory. It is a report, not a test: it prints PASS/FAIL against the
// parser's targets (docs/benchmarks.md) and exits 0 either way (non-zero only when it cannot run at all).
//
// Runs against the compiled parser in dist/ (the npm script builds first), because that is the
// code the app ships. See docs/benchmarks.md.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.js';
import { machineCheckMs } from './machineCheck.js';
import { malformedRates, TARGET_MS_PER_KB } from './malformed.js';

const TARGET_MB_PER_S = 40;
const TARGET_RATIO = 100;
const TARGET_MS_PER_MB = 50;
/** MB here is 10^6 bytes of UTF-8 source. */
const MB = 1e6;
/**
 * Below this size a file's ms/MB says nothing about blocking: a fixed per-call cost and timer
 * resolution dominate (an empty file would be infinitely slow). Such files still count in the
 * worst absolute time.
 */
const MIN_BYTES_FOR_RATE = 1024;
/**
 * Each file is parsed alone this many times and its time is the median: on a busy machine a
 * preemption or GC pause lands on *some* of thousands of small files, and the worst of
 * thousands of single samples measures the machine rather than the parser.
 */
const PER_FILE_REPS = 11;

const USAGE = `usage: node bench/run.js [options]   (or: npm run bench -- [options])

  --mb <n>         size of the generated corpus in MB (default 6; the targets are set for >= 5)
  --seed <n>       seed of the generated corpus (default 1)
  --runs <n>       timed runs of our parser over the corpus (default 7; the median is reported)
  --ref-mb <n>     size of the subset parsed by hcl2-parser (default 1.2; it is slow)
  --dir <path>     also parse every *.tf file under <path> (may be repeated)
  --only-dir       parse only the --dir files, no generated corpus
  --help           this text`;

function parseArgs(argv) {
  const options = { mb: 6, seed: 1, runs: 7, refMb: 1.2, dirs: [], onlyDir: false };
  const numeric = { '--mb': 'mb', '--seed': 'seed', '--runs': 'runs', '--ref-mb': 'refMb' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--only-dir') {
      options.onlyDir = true;
    } else if (arg === '--dir') {
      const dir = argv[++i];
      if (dir === undefined) fail('--dir needs a path');
      if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`--dir: ${dir} is not a directory`);
      options.dirs.push(dir);
    } else if (arg in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) fail(`${arg} needs a positive number`);
      options[numeric[arg]] = value;
    } else {
      fail(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.onlyDir && options.dirs.length === 0) fail('--only-dir needs at least one --dir');
  options.runs = Math.max(1, Math.round(options.runs));
  return options;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function progress(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Input

/** Every *.tf file under `root`, skipping provider caches and VCS directories. */
function readTfFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== '.terraform' && entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.tf')) {
        out.push({ path: relative(root, path) || entry.name, content: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out.map((file) => ({ ...file, path: join(root, file.path) }));
}

function withSizes(files) {
  return files.map((file) => ({ ...file, bytes: Buffer.byteLength(file.content, 'utf8') }));
}

function totalBytes(files) {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}

/**
 * Every k-th file until `targetBytes` is reached: the corpus interleaves its families, so an
 * even stride keeps the subset's mix of constructs close to the whole corpus's.
 */
function strideSubset(files, targetBytes) {
  const stride = Math.max(1, Math.floor(totalBytes(files) / targetBytes));
  const picked = [];
  let bytes = 0;
  for (let start = 0; start < stride && bytes < targetBytes; start++) {
    for (let i = start; i < files.length && bytes < targetBytes; i += stride) {
      picked.push(files[i]);
      bytes += files[i].bytes;
    }
  }
  return picked;
}

// ---------------------------------------------------------------------------------------------
// Measuring

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function forEachAttribute(body, visit) {
  for (const attribute of body.attributes) visit(attribute);
  for (const block of body.blocks) forEachAttribute(block, visit);
}

/** True when `text` is a getter (computed on first read) rather than a plain data property. */
function textIsLazy(attribute) {
  const own = Object.getOwnPropertyDescriptor(attribute, 'text');
  return own === undefined || typeof own.get === 'function';
}

/**
 * Parses every file once; `withText` also reads the canonical text of every attribute. The
 * returned checksum keeps the work observable so the JIT cannot drop it.
 */
function parsePass(parseHcl, files, withText) {
  let checksum = 0;
  for (const file of files) {
    const parsed = parseHcl(file.content, file.path);
    checksum += parsed.blocks.length + parsed.diagnostics.length;
    if (withText)
      forEachAttribute(parsed, (attribute) => {
        checksum += attribute.text.length;
      });
  }
  return checksum;
}

function timedRuns(label, runs, pass, bytes) {
  const rates = [];
  for (let run = 1; run <= runs; run++) {
    const start = performance.now();
    pass();
    const seconds = (performance.now() - start) / 1000;
    rates.push(bytes / MB / seconds);
    progress(`${label} run ${run}/${runs}: ${rates[rates.length - 1].toFixed(1)} MB/s`);
  }
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

/**
 * Each file parsed alone, `reps` times; a file's time is the median of its reps so one GC
 * pause landing on a 2 KB file does not decide the verdict (the single slowest sample is
 * reported beside it, and how many files exceed the limit).
 */
function perFileTimes(parseHcl, files, reps) {
  const byGroup = new Map();
  let worstRate = null;
  let overLimit = 0;
  let worstAbsolute = null;
  let slowestSample = null;
  for (const file of files) {
    const samples = [];
    for (let rep = 0; rep < reps; rep++) {
      const start = performance.now();
      parseHcl(file.content, file.path);
      samples.push(performance.now() - start);
    }
    const ms = median(samples);
    const group = byGroup.get(file.group) ?? { files: 0, bytes: 0, ms: 0 };
    group.files++;
    group.bytes += file.bytes;
    group.ms += ms;
    byGroup.set(file.group, group);
    const entry = { file, ms, msPerMb: ms / (file.bytes / MB) };
    if (file.bytes >= MIN_BYTES_FOR_RATE) {
      if (!worstRate || entry.msPerMb > worstRate.msPerMb) worstRate = entry;
      if (entry.msPerMb > TARGET_MS_PER_MB) overLimit++;
    }
    if (!worstAbsolute || entry.ms > worstAbsolute.ms) worstAbsolute = entry;
    const max = Math.max(...samples);
    if (!slowestSample || max > slowestSample.ms) slowestSample = { file, ms: max, msPerMb: max / (file.bytes / MB) };
  }
  const small = files.filter((file) => file.bytes < MIN_BYTES_FOR_RATE).length;
  return { worstRate, worstAbsolute, slowestSample, byGroup, small, overLimit };
}

function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

// ---------------------------------------------------------------------------------------------
// Reporting

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function fileNote(entry) {
  return `${entry.file.path} (${kb(entry.file.bytes)})`;
}

function printTable(rows) {
  const header = ['measure', 'value', 'target or note', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (cell ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function verdict(ok) {
  return ok ? 'PASS' : 'FAIL';
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const checkBefore = machineCheckMs();
  const parserUrl = new URL('../dist/terraform/parser.js', import.meta.url);
  if (!existsSync(fileURLToPath(parserUrl)))
    fail('dist/terraform/parser.js is missing: run `npm run build` (or `npm run bench`)');
  const { parseHcl } = await import(parserUrl.href);

  let files = [];
  if (!options.onlyDir) {
    progress(`generating a ${options.mb} MB corpus (seed ${options.seed})…`);
    // A generated file's path starts with its family (aws-iam/, google/, …).
    const generated = generateCorpus({ targetBytes: options.mb * MB, seed: options.seed });
    files.push(...generated.map((file) => ({ ...file, group: `generated: ${file.path.split('/')[0]}` })));
  }
  const generatedCount = files.length;
  for (const dir of options.dirs) {
    const found = readTfFiles(dir);
    progress(`read ${found.length} .tf files from ${dir}`);
    files.push(...found.map((file) => ({ ...file, group: `dir: ${dir}` })));
  }
  files = withSizes(files);
  const bytes = totalBytes(files);
  if (files.length === 0 || bytes === 0) fail('nothing to parse');
  const sizes = files.map((file) => file.bytes);

  // Warm-up: let V8 optimise the parser before anything is timed, and check the input parses.
  progress('warming up our parser (2 passes)…');
  parsePass(parseHcl, files, false);
  parsePass(parseHcl, files, false);
  // One more pass, keeping nothing, to check the input parses and to see how `text` is stored.
  const notUnderstood = [];
  let sample;
  for (const file of files) {
    const parsed = parseHcl(file.content, file.path);
    const error = parsed.diagnostics.find((d) => d.severity === 'error');
    if (error) notUnderstood.push({ file, error });
    if (sample === undefined)
      forEachAttribute(parsed, (attribute) => {
        sample ??= attribute;
      });
  }
  for (const { file, error } of notUnderstood.slice(0, 5)) {
    progress(
      `error diagnostic in ${file.path}:${error.range.start.line}:${error.range.start.column}: ${error.message}`,
    );
  }
  const lazyText = sample !== undefined && textIsLazy(sample);
  sample = undefined;

  const ours = timedRuns('parseHcl', options.runs, () => parsePass(parseHcl, files, false), bytes);
  let oursWithText = null;
  if (lazyText) {
    parsePass(parseHcl, files, true);
    oursWithText = timedRuns('parseHcl + text', options.runs, () => parsePass(parseHcl, files, true), bytes);
  }
  const headline = oursWithText ?? ours;

  const subset = strideSubset(files, options.refMb * MB);
  const subsetBytes = totalBytes(subset);
  const oursOnSubset = timedRuns(
    'parseHcl (reference subset)',
    options.runs,
    () => parsePass(parseHcl, subset, lazyText),
    subsetBytes,
  );

  progress(`timing each of ${files.length} files alone (${PER_FILE_REPS} reps each)…`);
  const perFile = perFileTimes(parseHcl, files, PER_FILE_REPS);
  progress('timing broken input (mutated fixtures, unclosed constructs) at growing sizes…');
  const malformed = malformedRates(parseHcl, fileURLToPath(new URL('../test/fixtures/realistic', import.meta.url)));
  const malformedOk = malformed.worst.msPerKb <= TARGET_MS_PER_KB;
  const rssBeforeReference = peakRssMiB();

  // hcl2-parser is loaded only now so the RSS figure above is ours alone.
  progress('loading hcl2-parser…');
  const loadStart = performance.now();
  const { default: hcl } = await import('hcl2-parser');
  const loadMs = performance.now() - loadStart;
  const smallest = subset.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  hcl.parseToObject(smallest.content); // first call initialises the GopherJS runtime
  progress(
    `hcl2-parser on a ${(subsetBytes / MB).toFixed(2)} MB subset (${subset.length} files); at ~0.25 MB/s this takes ~${Math.ceil(subsetBytes / MB / 0.25)} s…`,
  );
  let rejected = 0;
  const refStart = performance.now();
  for (const file of subset) {
    const result = hcl.parseToObject(file.content);
    if (!Array.isArray(result) || (result[1] !== null && result[1] !== undefined)) rejected++;
  }
  const reference = subsetBytes / MB / ((performance.now() - refStart) / 1000);
  const ratio = oursOnSubset.median / reference;
  const checkAfter = machineCheckMs();
  const drift = Math.max(checkBefore, checkAfter) / Math.min(checkBefore, checkAfter);
  const blockingOk = perFile.worstRate === null || perFile.worstRate.msPerMb <= TARGET_MS_PER_MB;
  const worstRateText = perFile.worstRate ? `${perFile.worstRate.msPerMb.toFixed(1)} ms/MB` : 'n/a';

  const ourLabel = lazyText ? 'ours: parseHcl + text of every attribute' : 'ours: parseHcl (attribute text is eager)';
  const rows = [
    [
      `${ourLabel}, whole corpus`,
      `${headline.median.toFixed(1)} MB/s`,
      `>= ${TARGET_MB_PER_S} MB/s`,
      verdict(headline.median >= TARGET_MB_PER_S),
    ],
    ['  spread over the timed runs (min-max)', `${headline.min.toFixed(1)}-${headline.max.toFixed(1)} MB/s`, '', ''],
  ];
  if (oursWithText) rows.push(['ours: parseHcl only (text never read)', `${ours.median.toFixed(1)} MB/s`, '', '']);
  rows.push(
    [`ours on the reference subset`, `${oursOnSubset.median.toFixed(1)} MB/s`, '', ''],
    [`hcl2-parser on the reference subset`, `${reference.toFixed(2)} MB/s`, '', ''],
    [
      'ratio ours / hcl2-parser (same subset)',
      `${ratio.toFixed(0)}x`,
      `>= ${TARGET_RATIO}x`,
      verdict(ratio >= TARGET_RATIO),
    ],
    perFile.worstRate
      ? [
          `worst file >= 1 KiB, ms per MB (median of ${PER_FILE_REPS} reps)`,
          `${perFile.worstRate.msPerMb.toFixed(1)} ms/MB`,
          `<= ${TARGET_MS_PER_MB} ms/MB`,
          verdict(blockingOk),
        ]
      : ['worst file >= 1 KiB, ms per MB', 'n/a', 'no file of 1 KiB or more', ''],
    ...(perFile.worstRate
      ? [['  that file', `${perFile.worstRate.ms.toFixed(3)} ms`, fileNote(perFile.worstRate), '']]
      : []),
    ...(perFile.worstRate
      ? [[`  files >= 1 KiB over ${TARGET_MS_PER_MB} ms/MB`, String(perFile.overLimit), '', '']]
      : []),
    ...(perFile.small > 0 ? [['  files under 1 KiB (absolute time only)', String(perFile.small), '', '']] : []),
    [
      `worst file, absolute time (median of ${PER_FILE_REPS} reps)`,
      `${perFile.worstAbsolute.ms.toFixed(2)} ms`,
      '',
      '',
    ],
    ['  that file', `${perFile.worstAbsolute.msPerMb.toFixed(1)} ms/MB`, fileNote(perFile.worstAbsolute), ''],
    [
      'slowest single sample (includes GC pauses)',
      `${perFile.slowestSample.ms.toFixed(2)} ms`,
      fileNote(perFile.slowestSample),
      '',
    ],
    [
      `broken input, worst ms per KiB (${malformed.inputs} inputs at ${malformed.sizesKb.join('/')} KiB, fastest of 7)`,
      `${malformed.worst.msPerKb.toFixed(3)} ms/KiB`,
      `<= ${TARGET_MS_PER_KB} ms/KiB`,
      verdict(malformedOk),
    ],
    ['  that input', malformed.worst.name, '', ''],
    [
      '  worst growth of the rate, smallest to largest size (1: linear)',
      `${malformed.worstGrowth.growth.toFixed(1)}x`,
      malformed.worstGrowth.name,
      '',
    ],
    ['peak RSS after our parser (before hcl2-parser)', `${rssBeforeReference.toFixed(0)} MiB`, '', ''],
    ['peak RSS of the whole run', `${peakRssMiB().toFixed(0)} MiB`, '', ''],
  );

  console.log('Four Eyes parser benchmark');
  console.log(`node ${process.version} on ${cpus()[0]?.model ?? 'unknown CPU'}`);
  const sources = [];
  if (generatedCount > 0) sources.push(`${generatedCount} generated files (seed ${options.seed})`);
  if (files.length > generatedCount)
    sources.push(`${files.length - generatedCount} files from ${options.dirs.join(', ')}`);
  console.log(
    `corpus: ${sources.join(' + ')}; ${(bytes / MB).toFixed(2)} MB; ${kb(Math.min(...sizes))}-${kb(Math.max(...sizes))} per file`,
  );
  console.log(
    `our parser: ${options.runs} timed runs after 2 warm-up passes, median reported; MB = 10^6 bytes of source`,
  );
  console.log(
    `hcl2-parser: one timed pass over a ${(subsetBytes / MB).toFixed(2)} MB subset (${subset.length} files, every k-th file) after one warm-up call; loading it took ${loadMs.toFixed(0)} ms (not counted)`,
  );
  console.log(
    `machine check: a fixed loop took ${checkBefore.toFixed(0)} ms at the start and ${checkAfter.toFixed(0)} ms at the end`,
  );
  if (drift > 1.15)
    console.log(
      `WARNING: the machine's speed changed by ${((drift - 1) * 100).toFixed(0)}% during the run; rerun on a quiet machine`,
    );
  if (generatedCount > 0 && options.mb < 5)
    console.log(`NOTE: a ${options.mb} MB corpus is below the 5 MB the targets are set for`);
  if (notUnderstood.length > 0)
    console.log(`WARNING: ${notUnderstood.length} files have error diagnostics from our parser (first ones on stderr)`);
  if (rejected > 0) console.log(`WARNING: hcl2-parser rejected ${rejected} of the ${subset.length} subset files`);
  console.log('');
  printTable(rows);
  console.log('');
  console.log('our parser by file group (sum of the per-file medians; for spotting slow constructs):');
  const groupWidth = Math.max(...[...perFile.byGroup.keys()].map((group) => group.length));
  for (const [group, g] of [...perFile.byGroup].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    console.log(
      `  ${group.padEnd(groupWidth)} ${String(g.files).padStart(5)} files  ${(g.bytes / MB).toFixed(2).padStart(6)} MB  ${(g.bytes / MB / (g.ms / 1000)).toFixed(1).padStart(6)} MB/s`,
    );
  }
  console.log('');

  const failures = [];
  if (headline.median < TARGET_MB_PER_S)
    failures.push(`throughput ${headline.median.toFixed(1)} < ${TARGET_MB_PER_S} MB/s`);
  if (ratio < TARGET_RATIO) failures.push(`ratio ${ratio.toFixed(0)}x < ${TARGET_RATIO}x`);
  if (!blockingOk) failures.push(`worst file ${worstRateText} > ${TARGET_MS_PER_MB} ms/MB`);
  if (!malformedOk)
    failures.push(
      `broken input ${malformed.worst.name} ${malformed.worst.msPerKb.toFixed(2)} > ${TARGET_MS_PER_KB} ms/KiB`,
    );
  const summary = `${headline.median.toFixed(1)} MB/s, ${ratio.toFixed(0)}x hcl2-parser, worst file ${worstRateText}, peak RSS ${peakRssMiB().toFixed(0)} MiB`;
  console.log(
    failures.length === 0 ? `RESULT: PASS (${summary})` : `RESULT: FAIL: ${failures.join('; ')} (${summary})`,
  );
}

await main();
