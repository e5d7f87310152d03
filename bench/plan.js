// `npm run bench` (plans): reading, digesting and classifying a 50 MB `terraform show -json`
// plan. The plan is generated here (bench/planGenerator.js), written to a temporary file, and
// measured in a fresh child process, so that its peak memory is the reader's, not the
// generator's. Targets (issue 13): a 50 MB plan classified in under 2 s and under 500 MB; read in
// well under 1 s. The child runs `--runs` times (default 3) and the medians are reported, CPU time
// beside wall time: on a shared machine the wall time says as much about the neighbours as about
// the code. A report, not a test: it prints PASS/FAIL and exits 0 either way (non-zero only when
// it cannot run).
//
//   node bench/plan.js [--mb 50] [--seed 1] [--runs 3]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generatePlan } from './planGenerator.js';

const TARGET_READ_MS = 1000;
const TARGET_CLASSIFIED_MS = 2000;
const TARGET_RSS_MIB = 500;
const MB = 1e6;

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = (path) => new URL(`../dist/${path}`, import.meta.url);

if (args[0] === '--child') await measure(args[1]);
else await main();

async function main() {
  const mb = Number(option('--mb', '50'));
  const seed = Number(option('--seed', '1'));
  const runs = Number(option('--runs', '3'));
  if (!(mb > 0) || !Number.isInteger(seed) || !(Number.isInteger(runs) && runs > 0))
    throw new Error('usage: node bench/plan.js [--mb 50] [--seed 1] [--runs 3]');
  const start = performance.now();
  const { text, resourceChanges } = generatePlan(mb * MB, seed);
  const dir = mkdtempSync(join(tmpdir(), 'four-eyes-plan-bench-'));
  try {
    const file = join(dir, 'plan.json');
    writeFileSync(file, text);
    console.log(
      `plan: ${(Buffer.byteLength(text) / MB).toFixed(1)} MB, ${resourceChanges} resource changes (generated in ${((performance.now() - start) / 1000).toFixed(1)} s, seed ${seed})`,
    );
    const measured = [];
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`the measuring process failed:\n${child.stderr}`);
      measured.push(JSON.parse(child.stdout));
    }
    report(medianOf(measured));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall and CPU time of one call: on a loaded machine the wall time says more about the machine. */
function timed(work) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** In the child: one cold run of each step, as the app and the CLI meet a plan. */
async function measure(file) {
  const { readPlanFile } = await import(dist('cli/planFile.js'));
  const { planDigest } = await import(dist('plan/planDigest.js'));
  const classifier = await optionalClassifier();
  const policy = classifier ? (await import(dist('model/policy.js'))).defaultPolicy() : null;
  const baseRssMiB = process.memoryUsage().rss / 2 ** 20;
  const read = timed(() => readPlanFile(file));
  if ('error' in read.result) throw new Error(`the generated plan is unreadable: ${read.result.error.message}`);
  const { plan } = read.result;
  const digest = timed(() => planDigest(plan));
  const classify = classifier ? timed(() => classifier.classifyPlan(plan, policy)) : null;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const times = (step) => step && { ms: step.ms, cpuMs: step.cpuMs };
  console.log(
    JSON.stringify({
      read: times(read),
      digest: { ...times(digest), value: digest.result },
      classify: times(classify),
      maxRssMiB,
      baseRssMiB,
    }),
  );
}

async function optionalClassifier() {
  if (!existsSync(dist('plan/classifyPlan.js'))) return null;
  const module = await import(dist('plan/classifyPlan.js'));
  return typeof module.classifyPlan === 'function' ? module : null;
}

/** Each figure's median over the runs (the digest is the same in every run, or the bench says so). */
function medianOf(runs) {
  const digests = new Set(runs.map((run) => run.digest.value));
  if (digests.size !== 1) throw new Error(`the digest differs between runs: ${[...digests].join(', ')}`);
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const step = (name) =>
    runs[0][name] && {
      ms: median(runs.map((run) => run[name].ms)),
      cpuMs: median(runs.map((run) => run[name].cpuMs)),
    };
  const readAndClassify = runs[0].classify && {
    ms: median(runs.map((run) => run.read.ms + run.classify.ms)),
    cpuMs: median(runs.map((run) => run.read.cpuMs + run.classify.cpuMs)),
  };
  return {
    runs: runs.length,
    read: step('read'),
    digest: { ...step('digest'), value: runs[0].digest.value },
    classify: step('classify'),
    readAndClassify,
    maxRssMiB: median(runs.map((run) => run.maxRssMiB)),
    baseRssMiB: median(runs.map((run) => run.baseRssMiB)),
  };
}

function report({ runs, read, digest, classify, readAndClassify, maxRssMiB, baseRssMiB }) {
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(`medians of ${runs} run(s), each in a fresh process:`);
  const line = (label, step, target) => {
    const times = `${step.ms.toFixed(0).padStart(6)} ms (CPU ${step.cpuMs.toFixed(0).padStart(5)} ms)`;
    const judged = target
      ? `   target < ${target} ms   ${verdict(step.ms < target)}${step.ms >= target && step.cpuMs < target ? ' (CPU time PASS: a busy machine?)' : ''}`
      : '';
    console.log(`${label.padEnd(28)}${times}${judged}`);
  };
  line('read (readPlanFile)', read, TARGET_READ_MS);
  line(`planDigest (${digest.value.slice(0, 15)}…)`, digest);
  if (classify === null) console.log('classification: not built (no classifyPlan in dist/plan/classifyPlan.js)');
  else {
    line('classifyPlan', classify);
    line('read + classify', readAndClassify, TARGET_CLASSIFIED_MS);
  }
  const rss = `${maxRssMiB.toFixed(0)} MiB`;
  console.log(
    `${'peak RSS'.padEnd(28)}${rss.padStart(9)}   target < ${TARGET_RSS_MIB} MiB   ${verdict(maxRssMiB < TARGET_RSS_MIB)}   (before reading: ${baseRssMiB.toFixed(0)} MiB)`,
  );
  const [load] = loadavg();
  console.log(
    `machine: ${cpus().length} CPUs, load average ${load.toFixed(1)} (wall times above ~CPU times mean a busy machine)`,
  );
}
