// `npm run bench` (third part): the audit store. Appends per second, each record in its own
// transaction as the app writes them, and the time `audit verify` takes to walk the chain, for
// 100,000 records on PGlite (in a temporary directory) and on PostgreSQL (DATABASE_URL, else a
// throwaway server started here from Debian's postgresql package). A report, not a test.
//
//   node bench/audit.js [--records N] [--only pglite|postgresql]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTempPostgres } from '../scripts/tempPostgres.mjs';

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { openPglite } = await dist('audit/pgliteDatabase.js');
const { openPostgres } = await dist('audit/postgresDatabase.js');
const { auditServices } = await dist('audit/services.js');
const { verifyChain } = await dist('audit/verify.js');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RECORDS = Number(option('--records', '100000'));
const ONLY = option('--only', null);

/** A decision-sized record (about 2 KB of JSON), varied so no two bodies are alike. */
function entry(i) {
  return {
    kind: i % 10 === 0 ? 'push' : 'decision',
    repository: `acme/repo-${i % 50}`,
    pullRequest: i % 10 === 0 ? null : 1 + (i % 400),
    deliveryId: `bench-${i}`,
    recordedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    data: {
      headSha: i.toString(16).padStart(40, '0'),
      conclusion: ['success', 'action_required', 'failure'][i % 3],
      tier: ['high', 'critical', 'medium'][i % 3],
      title: `High impact: ${i % 2} of 1 independent approval`,
      findings: Array.from({ length: 6 }, (_, f) => ({
        address: `aws_iam_role.r${i}_${f}`,
        action: 'update',
        tier: 'high',
        ruleId: 'identity.aws.iam',
        file: `iam/${f}.tf`,
        line: f * 7 + 1,
        rationale: 'Changes IAM users, roles, policies or trust in the AWS account.',
      })),
      approvals: {
        counted: [{ login: 'carol', reviewId: i, requirement: 'independent approval', retainedFrom: null }],
        rejected: [],
      },
    },
  };
}

async function measure(label, audit) {
  const progressEvery = Math.max(1, Math.floor(RECORDS / 10));
  let start = performance.now();
  for (let i = 0; i < RECORDS; i++) {
    await audit.records.append([entry(i)]);
    if ((i + 1) % progressEvery === 0) process.stderr.write(`${label}: ${i + 1} appended\r`);
  }
  const appendSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const result = await verifyChain(audit.records);
  const verifySeconds = (performance.now() - start) / 1000;
  process.stderr.write('\n');
  if (!result.intact || result.count !== RECORDS)
    throw new Error(`${label}: verify did not find ${RECORDS} intact records: ${JSON.stringify(result)}`);
  return { label, appendsPerSecond: RECORDS / appendSeconds, appendSeconds, verifySeconds };
}

const results = [];
if (ONLY !== 'postgresql') {
  const dir = mkdtempSync(join(tmpdir(), 'four-eyes-bench-'));
  const audit = await auditServices(await openPglite(join(dir, 'store')));
  results.push(await measure('PGlite (directory)', audit));
  await audit.close();
  rmSync(dir, { recursive: true, force: true });
}
if (ONLY !== 'pglite') {
  const server = process.env.DATABASE_URL ? null : await startTempPostgres();
  try {
    const url = process.env.DATABASE_URL ?? server.url;
    const admin = await openPostgres(url, 1);
    await admin.query('DROP DATABASE IF EXISTS four_eyes_bench');
    await admin.query('CREATE DATABASE four_eyes_bench');
    await admin.close();
    const target = new URL(url);
    target.pathname = '/four_eyes_bench';
    const audit = await auditServices(await openPostgres(target.toString()));
    results.push(await measure(server ? 'PostgreSQL (local, fsync off)' : 'PostgreSQL (DATABASE_URL)', audit));
    await audit.close();
  } finally {
    server?.stop();
  }
}

console.log(
  `\nAudit store: ${RECORDS.toLocaleString('en')} records of about 2 KB, one transaction each (Node ${process.version})`,
);
console.log('| store | appends/s | append time | verify time |');
console.log('|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.label} | ${r.appendsPerSecond.toFixed(0)} | ${r.appendSeconds.toFixed(1)} s | ${r.verifySeconds.toFixed(1)} s |`,
  );
