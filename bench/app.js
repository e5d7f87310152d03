// `npm run bench` (second part): what one webhook costs the app, served from recorded GitHub
// responses (bench/githubReplay.js): pull requests changing 10, 100 and 1,000 Terraform files,
// and one line of terraform.tfvars in a 300-file repository (the root and the modules it calls
// are read), first with empty caches, then as a second PR of the same repository. API requests
// per event against the documented budget (docs/app.md), in-process time per event, and the
// peak heap of the main thread and of the change-set worker (src/github/changeSetBuilder.ts).
// Then a 10-file PR evaluated again and again while a 1,000-file one is: how much longer it
// takes than alone, and the event loop's worst delay meanwhile (docs/benchmarks.md).
// A report, not a test: it prints PASS/FAIL and exits 0 unless it cannot run.

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { generateCorpus } from './corpus.js';
import { pullRequestPayload, replayGitHub } from './githubReplay.js';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bench/app.js: dist/ is missing; run "npm run build" (npm run bench does)');
  process.exit(2);
}
const { fourEyes } = await import(entry.href);
const { openPglite } = await import(new URL('../dist/audit/pgliteDatabase.js', import.meta.url).href);
const { auditServices } = await import(new URL('../dist/audit/services.js', import.meta.url).href);
const { createCaches } = await import(new URL('../dist/github/caches.js', import.meta.url).href);
// One builder for the whole bench, as a running app has: its worker thread is started and warm.
// (A build from before the builder existed builds every change set in place.)
const builderModule = new URL('../dist/github/changeSetBuilder.js', import.meta.url);
const builder = existsSync(builderModule) ? (await import(builderModule.href)).changeSetBuilder() : null;
// One in-memory audit store for the whole bench (PGlite takes seconds to start), emptied per run.
const audit = await auditServices(await openPglite(null));
const { Probot } = await import('probot');
// The client `npm start` serves with (rate limits, GraphQL answers read plainly), without the
// second between writes: the bench measures the app's work, not GitHub's pacing.
const { fourEyesOctokit } = await import(new URL('../dist/github/octokit.js', import.meta.url).href);
const AppOctokit = fourEyesOctokit({ writeGapMs: 0 });

const SIZES = (process.env.BENCH_APP_SIZES ?? '10,100,1000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_APP_RUNS ?? 5);
const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = 'c'.repeat(40);
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

/** `run` marks every file (a comment), so no run finds another's files in a cache. */
function pullRequestOf(fileCount, run = 0) {
  const corpus = generateCorpus({ targetBytes: fileCount * 2500, seed: 7 });
  const files = Array.from({ length: fileCount }, (_, i) => {
    const base = `${corpus[i % corpus.length].content}# run ${run}\n`;
    return {
      path: `stacks/s${i % 25}/file${i}.tf`,
      base,
      head: `${base}\nresource "aws_iam_role_policy_attachment" "bench_${i}" {\n  role       = "bench"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n`,
    };
  });
  return {
    owner: 'acme',
    name: 'infra',
    number: 42,
    baseSha: BASE_SHA,
    headSha: HEAD_SHA,
    files,
    reviews: [],
    policy: 'version: 1\n',
  };
}

/**
 * 300 files in 30 module directories: 6 roots calling 3 local modules each (the first of which
 * calls a fourth), 24 modules of 10 Terraform files and a README or versions.tf, and 6 others.
 */
function repositoryFiles() {
  const files = [];
  for (let r = 0; r < 6; r++) {
    const calls = [0, 1, 2]
      .map((k) => `module "m${4 * r + k}" {\n  source = "../../modules/m${4 * r + k}"\n  cidr   = var.cidr\n}\n`)
      .join('\n');
    files.push(
      { path: `envs/r${r}/main.tf`, content: calls },
      { path: `envs/r${r}/variables.tf`, content: `variable "cidr" {\n  type = string\n}\n# root ${r}\n` },
      { path: `envs/r${r}/outputs.tf`, content: `output "root" {\n  value = "r${r}"\n}\n` },
      { path: `envs/r${r}/providers.tf`, content: `provider "aws" {\n  region = "eu-west-${r}"\n}\n` },
      { path: `envs/r${r}/terraform.tfvars`, content: `cidr = "10.${r}.0.0/16"\n` },
    );
  }
  const corpus = generateCorpus({ targetBytes: 240 * 2500, seed: 11 });
  for (let m = 0; m < 24; m++) {
    files.push({
      path: `modules/m${m}/main.tf`,
      content:
        m % 4 === 0
          ? `variable "cidr" {}\nmodule "nested" {\n  source = "../m${m + 3}"\n}\n`
          : `variable "cidr" {}\n# module ${m}\n`,
    });
    for (let f = 1; f < 10; f++)
      files.push({
        path: `modules/m${m}/part${f}.tf`,
        content: `# m${m} part ${f}\n${corpus[(m * 9 + f) % corpus.length].content}`,
      });
    files.push(
      m < 6
        ? { path: `modules/m${m}/README.md`, content: `# module ${m}\n` }
        : { path: `modules/m${m}/versions.tf`, content: `terraform {\n  required_version = ">= 1.${m}"\n}\n` },
    );
  }
  for (const [path, content] of [
    ['README.md', '# infra\n'],
    ['.gitignore', '.terraform/\n'],
    ['.github/workflows/plan.yml', 'on: pull_request\n'],
    ['envs/r1/policies/admin.json', '{"Statement": []}\n'],
    [
      'envs/r1/policy.tf',
      'resource "aws_iam_policy" "admin" {\n  policy = file("${path.module}/policies/admin.json")\n}\n',
    ],
    ['scripts/plan.sh', 'terraform plan\n'],
  ]) {
    files.push({ path, content });
  }
  return files;
}

/** A PR of the 300-file repository changing one line of one root's terraform.tfvars. */
function tfvarsPullRequestOf(repository, root, number, headSha) {
  const path = `envs/r${root}/terraform.tfvars`;
  const file = repository.find((f) => f.path === path);
  const files = [{ path, base: file.content, head: `cidr = "10.${90 + root}.0.0/16"\n` }];
  return {
    owner: 'acme',
    name: 'infra',
    number,
    baseSha: BASE_SHA,
    headSha,
    files,
    unchanged: repository.filter((f) => f !== file),
    reviews: [],
    policy: 'version: 1\n',
  };
}

/**
 * The requests a synchronize of a PR changing F Terraform files costs (docs/app.md): files and
 * blobs 100 per request; the heads, which GitHub's patches give, are made from the bases.
 */
function changedFilesBudget(fileCount) {
  return 5 + Math.ceil(fileCount / 100) + Math.ceil(Math.max(0, fileCount - 100) / 100);
}

function event(name, action, pr) {
  const payload = pullRequestPayload(pr, action);
  if (name === 'pull_request_review') {
    delete payload.pull_request.changed_files;
    payload.review = { id: 1, state: 'approved', commit_id: pr.headSha, user: { login: 'carol', type: 'User' } };
    payload.sender = { login: 'carol', type: 'User' };
  }
  return { id: `bench-${name}-${action}-${pr.number}-${pr.headSha.slice(0, 7)}`, name, payload };
}

async function app(replay, caches = createCaches({}, builder ?? undefined)) {
  await audit.db.query(
    'TRUNCATE audit_records, webhook_deliveries, outbox, tracking_issues, check_runs, evaluation_retries, app_instances',
  );
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'bench',
    logLevel: 'fatal',
    Octokit: AppOctokit.defaults((o) => ({
      ...o,
      request: { fetch: replay.fetch },
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  // No background rounds: the figures are the events' alone.
  await probot.load(
    fourEyes({ appId: 1, audit, caches, now: () => new Date('2026-11-24T12:00:00Z'), recovery: { timers: false } }),
  );
  return probot;
}

/**
 * With BENCH_APP_PROFILE=<dir>, a CPU profile of the main thread for the first measured
 * synchronize of each size and for the 10-file PRs beside a 1,000-file one (`concurrent`)
 * (`node --cpu-prof` profiles the worker, from its start).
 */
async function startProfile() {
  const dir = process.env.BENCH_APP_PROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    },
  };
}

/** CPU time of the whole process (every thread: the worker's and the collector's too), in ms. */
function cpuMs(usage) {
  return (usage.user + usage.system) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The most heap the main thread used during a profile: before each collection, and at its end. */
function peakHeapBytes(profile) {
  let peak = getHeapStatistics().used_heap_size;
  for (const gc of profile?.statistics ?? []) peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
  return peak;
}

async function measure(fileCount) {
  let pr = pullRequestOf(fileCount);
  const sync = [];
  const review = [];
  const heap = [];
  const workerHeap = [];
  const cpu = [];
  let syncRequests = 0;
  let reviewRequests = 0;
  // Run 0 warms the JIT up (a running app is warm) and is not counted.
  for (let run = 0; run <= RUNS; run++) {
    pr = pullRequestOf(fileCount, run);
    const replay = replayGitHub(pr);
    const caches = createCaches({}, builder ?? undefined);
    const probot = await app(replay, caches);
    const profiler = new GCProfiler();
    profiler.start();
    const profiling = run === 1 ? await startProfile() : null;
    let start = performance.now();
    const cpuStart = process.cpuUsage();
    await probot.receive(event('pull_request', 'synchronize', pr));
    await profiling?.stop(`synchronize-${fileCount}`);
    if (run > 0) {
      sync.push(performance.now() - start);
      cpu.push(cpuMs(process.cpuUsage(cpuStart)));
      heap.push(peakHeapBytes(profiler.stop()));
      workerHeap.push(builder?.lastWorkerPeakHeapBytes() ?? 0);
    } else profiler.stop();
    syncRequests = replay.requests.length;
    replay.requests.length = 0;
    pr.reviews = ['carol'];
    start = performance.now();
    await probot.receive(event('pull_request_review', 'submitted', pr));
    if (run > 0) review.push(performance.now() - start);
    reviewRequests = replay.requests.length;
    pr.reviews = [];
  }
  return {
    name: `${fileCount} changed Terraform files`,
    fileCount,
    syncRequests,
    syncBudget: changedFilesBudget(fileCount),
    syncMs: median(sync),
    syncCpuMs: median(cpu),
    heapMB: median(heap) / 1e6,
    workerHeapMB: median(workerHeap) / 1e6,
    reviewRequests,
    reviewBudget: 3,
    reviewMs: median(review),
    megabytes: pr.files.reduce((n, f) => n + f.base.length + f.head.length, 0) / 1e6,
  };
}

/** Which recorded repository a request is for: by its REST path, or its GraphQL variables. */
function repositoryOf(input, init) {
  const path = new URL(typeof input === 'string' ? input : input.url, 'https://api.github.com').pathname;
  const rest = /^\/repos\/[^/]+\/([^/]+)\//.exec(path);
  if (rest) return rest[1];
  if (path === '/graphql' && init?.body) return JSON.parse(init.body).variables?.name ?? null;
  return null;
}

/** A 10-file PR of another repository, its head new on each call (new contents, new SHA): nothing cached. */
/** The small PR's files, generated once: the rounds only change its heads. */
let smallFiles = null;
/** Rounds of the 10-file PR whose answers are made before the concurrent measure starts. */
const PREPARED_ROUNDS = 250;

function smallPullRequest(round) {
  smallFiles ??= pullRequestOf(10);
  const pr = smallFiles;
  const sha = (round + 1).toString(16).padEnd(40, 'e');
  return {
    ...pr,
    name: 'small',
    number: 7,
    headSha: sha,
    files: pr.files.map((file) => ({ ...file, head: `${file.head}# round ${round}\n` })),
  };
}

/**
 * A 10-file PR evaluated again and again while a 1,000-file one is: how long each takes against
 * the same PR alone, and the event loop's worst delay meanwhile (sampled every 10 ms).
 */
async function measureConcurrent() {
  const big = pullRequestOf(Number(process.env.BENCH_APP_CONCURRENT_FILES ?? 1000), -1);
  const bigReplay = replayGitHub(big);
  let small = smallPullRequest(0);
  const smallReplay = replayGitHub(small);
  const fetch = (input, init) =>
    repositoryOf(input, init) === 'small' ? smallReplay.fetch(input, init) : bigReplay.fetch(input, init);
  const probot = await app({ fetch });
  // GitHub's answers for the rounds are made before the measure (about 100 rounds run during the
  // large PR here; more are made as they come): the replay's work is not the app's.
  const rounds = Array.from({ length: PREPARED_ROUNDS }, (_, i) => smallPullRequest(i + 1));
  for (const prepared of rounds) smallReplay.prepare(prepared);
  let round = 0;
  const smallOnce = async () => {
    small = rounds[round] ?? smallPullRequest(round + 1);
    round++;
    smallReplay.use(small);
    const start = performance.now();
    await probot.receive(event('pull_request', 'synchronize', small));
    return performance.now() - start;
  };
  await smallOnce(); // warm-up
  const alone = [];
  for (let i = 0; i < 5; i++) alone.push(await smallOnce());
  const profile = await startProfile();
  const delay = eventLoopDelay();
  let bigMs = null;
  const bigStart = performance.now();
  const bigDone = probot.receive(event('pull_request', 'synchronize', big)).finally(() => {
    bigMs = performance.now() - bigStart;
  });
  const during = [];
  while (bigMs === null) during.push(await smallOnce());
  await bigDone;
  await profile?.stop('concurrent');
  if (!bigReplay.requests.some((request) => request.startsWith('PATCH') && request.includes('/check-runs/')))
    throw new Error('the 1,000-file PR never got its check output');
  const worstDelay = delay.stop();
  return {
    aloneMs: median(alone),
    worstMs: Math.max(...during),
    medianDuringMs: median(during),
    p90DuringMs: [...during].sort((a, b) => a - b)[Math.floor(during.length * 0.9)],
    rounds: during.length,
    maxDelayMs: worstDelay.ms,
    maxDelayAtMs: worstDelay.at - bigStart,
    bigMs,
  };
}

/**
 * The event loop's worst delay from now until stop(): a timer due every 5 ms, and how much later
 * than due it ran (a loop blocked to the end counts too), with when that was.
 */
function eventLoopDelay() {
  const every = 5;
  let last = performance.now();
  const worst = { ms: 0, at: last };
  const note = (now) => {
    if (now - last - every > worst.ms) Object.assign(worst, { ms: now - last - every, at: last });
    last = now;
  };
  const timer = setInterval(() => note(performance.now()), every);
  return {
    stop() {
      clearInterval(timer);
      note(performance.now());
      return worst;
    },
  };
}

/**
 * One tfvars line in the 300-file repository: the first PR with empty caches (every
 * configuration file read once to find the module calls), then a second PR of the same
 * repository (only its changed blob is new).
 */
async function measureRepository() {
  const repository = repositoryFiles();
  const megabytes = repository.reduce((n, f) => n + f.content.length, 0) / 1e6;
  const cold = { sync: [], review: [], syncRequests: 0, reviewRequests: 0 };
  const warm = { sync: [], syncRequests: 0 };
  for (let run = 0; run <= RUNS; run++) {
    const first = tfvarsPullRequestOf(repository, 0, 42, HEAD_SHA);
    const replay = replayGitHub(first);
    const probot = await app(replay);
    let start = performance.now();
    await probot.receive(event('pull_request', 'synchronize', first));
    if (run > 0) cold.sync.push(performance.now() - start);
    cold.syncRequests = replay.requests.length;
    replay.requests.length = 0;
    first.reviews = ['carol'];
    start = performance.now();
    await probot.receive(event('pull_request_review', 'submitted', first));
    if (run > 0) cold.review.push(performance.now() - start);
    cold.reviewRequests = replay.requests.length;
    replay.requests.length = 0;
    const second = tfvarsPullRequestOf(repository, 2, 43, 'd'.repeat(40));
    replay.use(second);
    start = performance.now();
    await probot.receive(event('pull_request', 'synchronize', second));
    if (run > 0) warm.sync.push(performance.now() - start);
    warm.syncRequests = replay.requests.length;
  }
  return [
    {
      name: '1 tfvars line, 300-file repository, empty caches',
      syncRequests: cold.syncRequests,
      syncBudget: 8,
      syncMs: median(cold.sync),
      reviewRequests: cold.reviewRequests,
      reviewBudget: 3,
      reviewMs: median(cold.review),
      megabytes,
    },
    {
      name: '1 tfvars line, same repository, second PR',
      syncRequests: warm.syncRequests,
      syncBudget: 5,
      syncMs: median(warm.sync),
      reviewRequests: null,
      reviewBudget: null,
      reviewMs: null,
      megabytes,
    },
  ];
}

console.log(`\nApp: one webhook's cost, recorded GitHub responses, median of ${RUNS} runs (Node ${process.version})`);
console.log(
  '| pull request | synchronize requests (budget) | synchronize time (CPU, all threads) | peak heap: main thread + worker | review requests (budget) | review time | Terraform bytes |',
);
console.log('|---|---|---|---|---|---|---|');
let pass = true;
const rows = [];
for (const size of SIZES) rows.push(await measure(size));
if (process.env.BENCH_APP_REPOSITORY !== '0') rows.push(...(await measureRepository()));
for (const r of rows) {
  pass &&= r.syncRequests <= r.syncBudget && (r.reviewRequests === null || r.reviewRequests <= r.reviewBudget);
  const review =
    r.reviewRequests === null ? '– | –' : `${r.reviewRequests} (≤ ${r.reviewBudget}) | ${r.reviewMs.toFixed(1)} ms`;
  const heap = r.heapMB === undefined ? '–' : `${r.heapMB.toFixed(0)} + ${r.workerHeapMB.toFixed(0)} MB`;
  console.log(
    `| ${r.name} | ${r.syncRequests} (≤ ${r.syncBudget}) | ${r.syncMs.toFixed(1)} ms (${r.syncCpuMs === undefined ? '–' : `${r.syncCpuMs.toFixed(0)} ms`}) | ${heap} | ${review} | ${r.megabytes.toFixed(2)} MB |`,
  );
}
console.log(`request budgets: ${pass ? 'PASS' : 'FAIL'}`);

const largest = rows.find((r) => r.fileCount === 1000);
if (largest) {
  const heapMB = largest.heapMB + largest.workerHeapMB;
  console.log(
    `1,000-file PR, event to check output: ${largest.syncMs.toFixed(0)} ms (target < 1500 ms): ${largest.syncMs < 1500 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `1,000-file PR, peak heap: ${largest.heapMB.toFixed(0)} MB main thread + ${largest.workerHeapMB.toFixed(0)} MB change-set worker = ${heapMB.toFixed(0)} MB (target < 300 MB): ${heapMB < 300 ? 'PASS' : 'FAIL'}`,
  );
}
if (process.env.BENCH_APP_CONCURRENT !== '0') {
  const c = await measureConcurrent();
  const waits = c.worstMs - c.aloneMs;
  console.log(
    `10-file PR during a 1,000-file one (${c.bigMs.toFixed(0)} ms): alone ${c.aloneMs.toFixed(0)} ms, during it median ${c.medianDuringMs.toFixed(0)} ms, 90th percentile ${c.p90DuringMs.toFixed(0)} ms, worst of ${c.rounds} ${c.worstMs.toFixed(0)} ms, so it waited at most ${Math.max(0, waits).toFixed(0)} ms; worst event-loop delay ${c.maxDelayMs.toFixed(0)} ms, ${(c.maxDelayAtMs / 1000).toFixed(1)} s into the 1,000-file PR (targets <= 100 ms): ${waits <= 100 && c.maxDelayMs <= 100 ? 'PASS' : 'FAIL'}`,
  );
}
await builder?.close();
await audit.close();
