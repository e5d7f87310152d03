// `npm run bench` (second part): what one webhook costs the app, for pull requests of 10, 100
// and 1,000 Terraform files served from recorded GitHub responses (bench/githubReplay.js):
// API requests per event against the budget of issue 5, and in-process time per event.
// A report, not a test: it prints PASS/FAIL and exits 0 unless it cannot run.

import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { generateCorpus } from './corpus.js';
import { replayGitHub } from './githubReplay.js';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bench/app.js: dist/ is missing; run "npm run build" (npm run bench does)');
  process.exit(2);
}
const { fourEyes } = await import(entry.href);
const { openPglite } = await import(new URL('../dist/audit/pgliteDatabase.js', import.meta.url).href);
const { auditServices } = await import(new URL('../dist/audit/services.js', import.meta.url).href);
// One in-memory audit store for the whole bench (PGlite takes seconds to start), emptied per run.
const audit = await auditServices(await openPglite(null));
const { Probot, ProbotOctokit } = await import('probot');

const SIZES = (process.env.BENCH_APP_SIZES ?? "10,100,1000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_APP_RUNS ?? 5);
const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = 'c'.repeat(40);
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function pullRequestOf(fileCount) {
  const corpus = generateCorpus({ targetBytes: fileCount * 2500, seed: 7 });
  const files = Array.from({ length: fileCount }, (_, i) => {
    const base = corpus[i % corpus.length].content;
    return { path: `stacks/s${i % 25}/file${i}.tf`, base, head: `${base}\nresource "aws_iam_role_policy_attachment" "bench_${i}" {\n  role       = "bench"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n` };
  });
  return { owner: 'acme', name: 'infra', number: 42, baseSha: BASE_SHA, headSha: HEAD_SHA, files, reviews: [], policy: 'version: 1\n' };
}

function event(name, action, pr) {
  const repository = { name: pr.name, full_name: `${pr.owner}/${pr.name}`, owner: { login: pr.owner }, html_url: `https://github.com/${pr.owner}/${pr.name}` };
  const pull = { number: pr.number, state: 'open', changed_files: pr.files.length, updated_at: '2026-11-24T10:00:00Z', base: { ref: 'main', sha: pr.baseSha }, head: { ref: 'feature', sha: pr.headSha } };
  const payload = { action, repository, pull_request: pull, installation: { id: 1 }, sender: { login: 'alice', type: 'User' } };
  if (name === 'pull_request_review') {
    delete pull.changed_files;
    payload.review = { id: 1, state: 'approved', commit_id: pr.headSha, user: { login: 'carol', type: 'User' } };
    payload.sender = { login: 'carol', type: 'User' };
  }
  return { id: `bench-${name}-${action}`, name, payload };
}

async function app(replay) {
  await audit.db.query('TRUNCATE audit_records, webhook_deliveries, outbox, tracking_issues');
  const probot = new Probot({
    appId: 1, privateKey, secret: 'bench', logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((o) => ({ ...o, request: { fetch: replay.fetch }, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(fourEyes({ appId: 1, audit, now: () => new Date('2026-11-24T12:00:00Z') }));
  return probot;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(fileCount) {
  const pr = pullRequestOf(fileCount);
  const sync = [];
  const review = [];
  let syncRequests = 0;
  let reviewRequests = 0;
  // Run 0 warms the JIT up (a running app is warm) and is not counted.
  for (let run = 0; run <= RUNS; run++) {
    const replay = replayGitHub(pr);
    const probot = await app(replay);
    let start = performance.now();
    await probot.receive(event('pull_request', 'synchronize', pr));
    if (run > 0) sync.push(performance.now() - start);
    syncRequests = replay.requests.length;
    replay.requests.length = 0;
    pr.reviews = ['carol'];
    start = performance.now();
    await probot.receive(event('pull_request_review', 'submitted', pr));
    if (run > 0) review.push(performance.now() - start);
    reviewRequests = replay.requests.length;
    pr.reviews = [];
  }
  return { fileCount, syncRequests, syncBudget: 4 + Math.ceil((2 * fileCount) / 50), syncMs: median(sync), reviewRequests, reviewBudget: 3, reviewMs: median(review), megabytes: pr.files.reduce((n, f) => n + f.base.length + f.head.length, 0) / 1e6 };
}

console.log(`\nApp: one webhook's cost, recorded GitHub responses, median of ${RUNS} runs (Node ${process.version})`);
console.log('| Terraform files | synchronize requests (budget) | synchronize time | review requests (budget) | review time | bytes read |');
console.log('|---|---|---|---|---|---|');
let pass = true;
for (const size of SIZES) {
  const r = await measure(size);
  pass &&= r.syncRequests <= r.syncBudget && r.reviewRequests <= r.reviewBudget;
  console.log(`| ${r.fileCount} | ${r.syncRequests} (≤ ${r.syncBudget}) | ${r.syncMs.toFixed(1)} ms | ${r.reviewRequests} (≤ ${r.reviewBudget}) | ${r.reviewMs.toFixed(1)} ms | ${r.megabytes.toFixed(2)} MB |`);
}
console.log(`request budgets: ${pass ? 'PASS' : 'FAIL'}`);
await audit.close();
