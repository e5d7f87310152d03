// `npm run bench` (resilience part): 20 pull requests evaluated at once, on 2 installations, against
// a GitHub that is slow (2-5 s per request), answers 30% of requests with a 5xx and sometimes a
// secondary rate limit on the installation token. Reports, per run: how long until every PR's check
// shows its correct decision with nobody pressing Re-evaluate, how many never got there within the
// time limit, and whether any check ever passed a PR that must be blocked (fail-open).
// Seeded: the same faults on every run. A report, not a test: it exits 0 unless it cannot run.

import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pullRequestPayload, replayGitHub } from './githubReplay.js';
import { mulberry32 as seeded } from './seededRandom.js';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bench/resilience.js: dist/ is missing; run "npm run build" (npm run bench does)');
  process.exit(2);
}
const { fourEyes } = await import(entry.href);
const { Probot } = await import('probot');
const { fourEyesOctokit } = await import(new URL('../dist/github/octokit.js', import.meta.url).href);
const { openAuditForBench } = await import('./benchAudit.js');

const PULL_REQUESTS = Number(process.env.BENCH_RESILIENCE_PRS ?? 20);
const LIMIT_SECONDS = Number(process.env.BENCH_RESILIENCE_LIMIT ?? 300);
const LATENCY_MS = (process.env.BENCH_RESILIENCE_LATENCY ?? '2000-5000').split('-').map(Number);
const FAULT_RATE = Number(process.env.BENCH_RESILIENCE_FAULTS ?? 0.3);
const BASE_SHA = 'b'.repeat(40);
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

/** Half the PRs rename an IAM role (high: must stay blocked without approval), half retag a bucket (low: passes). */
function pullRequest(index) {
  const owner = index % 2 === 0 ? 'acme' : 'globex';
  const high = index % 4 < 2;
  const role = `resource "aws_iam_role" "ci" {\n  name = "ci"\n}\n`;
  const bucket = `resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags   = { team = "platform" }\n}\n`;
  const base = role + bucket;
  const head = high ? base.replace('name = "ci"', 'name = "deploy"') : base.replace('"platform"', '"data"');
  const headSha = index.toString(16).padStart(40, 'c');
  return {
    owner,
    name: `infra-${index}`,
    number: 100 + index,
    baseSha: BASE_SHA,
    headSha,
    installation: owner === 'acme' ? 1 : 2,
    files: [{ path: 'main.tf', base, head }],
    reviews: [],
    policy: 'version: 1\n',
    expected: high ? 'action_required' : 'success',
  };
}

function response(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** One GitHub for every PR: routes by repository, adds latency and faults, and watches every check-run write. */
function faultyGitHub(prs, random) {
  const replays = new Map(prs.map((pr) => [`${pr.owner}/${pr.name}`, replayGitHub(pr)]));
  const checks = new Map(prs.map((pr) => [`${pr.owner}/${pr.name}`, []]));
  const stats = { requests: 0, faults: 0, tokenLimits: 0 };
  const limitedInstallations = new Set();
  async function fetch(input, init = {}) {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const body = init.body ? JSON.parse(init.body) : null;
    stats.requests += 1;
    const [min, max] = LATENCY_MS;
    await new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)));
    if (url.pathname.endsWith('/access_tokens')) {
      // Each installation's first token request meets a secondary limit, as under a burst of events.
      if (!limitedInstallations.has(url.pathname)) {
        limitedInstallations.add(url.pathname);
        stats.tokenLimits += 1;
        return response(
          403,
          { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
          { 'retry-after': '3' },
        );
      }
      return response(201, { token: 'ghs_bench', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    }
    if (random() < FAULT_RATE) {
      stats.faults += 1;
      return response(502, { message: 'Server Error' });
    }
    const repository =
      url.pathname === '/graphql'
        ? `${body.variables.owner}/${body.variables.name}`
        : url.pathname.split('/').slice(2, 4).join('/');
    const replay = replays.get(repository);
    if (!replay) return response(404, { message: `no repository ${repository}` });
    const answer = await replay.fetch(input, init);
    if (answer.ok && /\/check-runs/.test(url.pathname) && body)
      checks.get(repository).push({
        at: performance.now(),
        status: body.status,
        conclusion: body.conclusion ?? null,
        title: body.output?.title ?? null,
        summary: body.output?.summary ?? null,
      });
    return answer;
  }
  return { fetch, checks, stats };
}

function event(pr) {
  return {
    id: `resilience-${pr.number}`,
    name: 'pull_request',
    payload: pullRequestPayload(pr, 'synchronize', pr.installation),
  };
}

/** The latest check-run write per PR: correct when completed with the expected conclusion. */
function outcome(prs, github, started) {
  let failOpen = 0;
  let correct = 0;
  let inProgress = 0;
  let lastCorrectAt = 0;
  for (const pr of prs) {
    const writes = github.checks.get(`${pr.owner}/${pr.name}`);
    if (pr.expected !== 'success' && writes.some((w) => w.conclusion === 'success')) failOpen += 1;
    const last = writes.at(-1);
    if (last && last.status === 'in_progress') inProgress += 1;
    if (last && last.conclusion === pr.expected) {
      correct += 1;
      lastCorrectAt = Math.max(lastCorrectAt, last.at - started);
    }
  }
  return { failOpen, correct, lastCorrectAt, inProgress };
}

const prs = Array.from({ length: PULL_REQUESTS }, (_, i) => pullRequest(i));
const github = faultyGitHub(prs, seeded(20261126));
const audit = await openAuditForBench();
const probot = new Probot({
  appId: 1,
  privateKey,
  secret: 'bench',
  logLevel: 'fatal',
  // The client `npm start` uses (retries, rate limits waited out), with GitHub replaced by the faulty one.
  Octokit: fourEyesOctokit().defaults((o) => ({ ...o, request: { ...o.request, fetch: github.fetch } })),
});
await probot.load(fourEyes({ appId: 1, audit }));
const started = performance.now();
await Promise.allSettled(prs.map((pr) => probot.receive(event(pr))));
const deadline = started + LIMIT_SECONDS * 1000;
let result = outcome(prs, github, started);
while (result.correct < prs.length && performance.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  result = outcome(prs, github, started);
}
console.log(
  `\nResilience: ${prs.length} PRs at once on 2 installations, ${LATENCY_MS.join('-')} ms per request, ${Math.round(FAULT_RATE * 100)}% 5xx (seeded), a secondary limit on each installation's first token request, limit ${LIMIT_SECONDS} s`,
);
console.log(
  '| PRs with the correct check | time to all correct checks | never correct within the limit | left in progress | fail-open checks | requests | 5xx served | token limits served |',
);
console.log('|---|---|---|---|---|---|---|---|');
const allAt = result.correct === prs.length ? `${(result.lastCorrectAt / 1000).toFixed(1)} s` : 'never';
console.log(
  `| ${result.correct} of ${prs.length} | ${allAt} | ${prs.length - result.correct} | ${result.inProgress} | ${result.failOpen} | ${github.stats.requests} | ${github.stats.faults} | ${github.stats.tokenLimits} |`,
);
if (process.env.BENCH_RESILIENCE_DEBUG) {
  for (const pr of prs) {
    const last = github.checks.get(`${pr.owner}/${pr.name}`).at(-1);
    console.log(
      `${pr.name}: expected ${pr.expected}; last ${last?.status} ${last?.conclusion} ${last?.title} ${(last?.summary ?? '').slice(0, 300).replace(/\n/g, ' ')}`,
    );
  }
}
await audit.close();
process.exit(0);
