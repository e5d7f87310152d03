import type { AuditEntry } from '../../src/audit/records.js';
import type { SqlAuditServices } from '../../src/audit/services.js';
import type { ExceptionUse } from '../../src/policy/exceptions.js';
import { classification, facts, finding, review, run } from '../policy/support.js';

export const SHA_7 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHA_8 = 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHA_NET = 'c1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHA_SECRET = 'd1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
/** a value that would run as script or break out of an attribute if any page forgot to escape it */
export const HOSTILE = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;

const at = (day: number, hour = 10) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

export function decision(
  repository: string,
  number: number,
  headSha: string,
  day: number,
  adjust: (d: ReturnType<typeof run>) => void = () => {},
): AuditEntry {
  const [owner, name] = repository.split('/') as [string, string];
  const data = run(
    facts({
      repository: { owner, name },
      number,
      headSha,
      reviews: [review('bob', 'APPROVED', { commitSha: headSha }), review('alice', 'APPROVED', { commitSha: headSha })],
    }),
    classification(
      finding('critical', {
        file: 'modules/iam/main.tf',
        line: 12,
        address: 'aws_iam_role.deploy',
        rationale: 'grants administrator access',
      }),
      finding('medium', { file: 'network.tf', line: 3, address: 'aws_security_group.web', ruleId: 'network.aws.sg' }),
    ),
  );
  adjust(data);
  return {
    kind: 'decision',
    repository,
    pullRequest: number,
    deliveryId: `delivery-${repository}-${number}-${day}`,
    recordedAt: at(day),
    data: {
      ...data,
      checkName: 'Separation of duties',
      policyFiles: [{ source: '.github/four-eyes.yml', blobSha: 'f00d'.repeat(10) }],
    },
  };
}

export const exceptionUse = (id: string, expires: string, usedBy: string): ExceptionUse => ({
  id,
  owner: 'platform-leads',
  description: `${id}: tag-only changes to the staging account`,
  justification: 'tags carry no risk',
  link: null,
  expires,
  scope: { paths: ['staging/**'] } as ExceptionUse['scope'],
  maxTier: 'medium',
  usedBy,
});

/**
 * A small audit log of two organizations: acme's infra and network repositories (decisions, an
 * exception used, a break-glass with its follow-up issue, an execution, a merge group, a refused
 * approval), and other/secret, which the auditor of acme may not read.
 */
export async function seedConsole(audit: SqlAuditServices, options: { hostile?: boolean } = {}): Promise<void> {
  const entries: AuditEntry[] = [
    decision('acme/infra', 7, SHA_7, 20),
    {
      kind: 'check-run',
      repository: 'acme/infra',
      pullRequest: 7,
      deliveryId: 'cr-7',
      recordedAt: at(20, 11),
      data: { decisionSeq: 1, checkRunId: 9001, headSha: SHA_7, name: 'Separation of duties', conclusion: 'failure' },
    },
    {
      kind: 'blocked-attempt',
      repository: 'acme/infra',
      pullRequest: 7,
      deliveryId: 'ba-7',
      recordedAt: at(20, 12),
      data: {
        decisionSeq: 1,
        headSha: SHA_7,
        reviewId: 55,
        login: 'carol',
        reason: 'pusher',
        detail: 'carol pushed a commit to the head branch',
        notified: true,
      },
    },
    decision('acme/infra', 8, SHA_8, 21, (d) => {
      d.conclusion = 'success';
      d.title = 'Passed under exception staging-tags';
      d.exception = exceptionUse('staging-tags', '2026-12-01', 'alice');
    }),
    {
      kind: 'exception',
      repository: 'acme/infra',
      pullRequest: 8,
      deliveryId: 'ex-8',
      recordedAt: at(21, 11),
      data: { ...exceptionUse('staging-tags', '2026-12-01', 'alice'), decisionSeq: 4, headSha: SHA_8, tier: 'medium' },
    },
    decision('acme/network', 3, SHA_NET, 22, (d) => {
      d.conclusion = 'success';
      d.title = 'Passed by break-glass';
      d.breakGlass = { by: 'dana', reason: 'outage: restore routing', at: '2026-11-22T09:58:00Z', sha: SHA_NET };
    }),
    {
      kind: 'break-glass',
      repository: 'acme/network',
      pullRequest: 3,
      deliveryId: 'bg-3',
      recordedAt: at(22, 11),
      data: {
        by: 'dana',
        reason: 'outage: restore routing',
        at: '2026-11-22T09:58:00Z',
        sha: SHA_NET,
        headSha: SHA_NET,
        decisionSeq: 6,
        tier: 'critical',
      },
    },
    {
      kind: 'merge-group',
      repository: 'acme/infra',
      pullRequest: 8,
      deliveryId: 'mg-8',
      recordedAt: at(23),
      data: {
        headSha: 'e'.repeat(40),
        baseSha: 'f'.repeat(40),
        headRef: 'refs/heads/gh-readonly-queue/main/pr-8',
        baseRef: 'refs/heads/main',
        checkName: 'Separation of duties',
        pullRequestHeadSha: SHA_8,
        decisionSeq: 4,
        approvedDigest: 'sha256:1',
        impactDigest: 'sha256:1',
        conclusion: 'success',
        title: 'Same impact as approved',
        reason: 'the merge group changes what #8 was approved for',
      },
    },
    {
      kind: 'execution',
      repository: 'acme/infra',
      pullRequest: 8,
      deliveryId: 'run-8',
      recordedAt: at(24),
      data: {
        sha: 'e'.repeat(40),
        environment: 'production',
        runId: 777,
        deploymentId: 888,
        executors: [{ login: 'erin', roles: ['actor'] }],
        approvers: ['bob'],
        planDigests: [],
        outcome: 'approved',
        code: 'approved-change',
        reason: 'the change was approved by bob',
        decision: {
          seq: 4,
          pullRequest: 8,
          headSha: SHA_8,
          impactDigest: 'sha256:1',
          tier: 'medium',
          title: 'Passed under exception staging-tags',
        },
        breakGlass: null,
      },
    },
    decision('other/secret', 1, SHA_SECRET, 25, (d) => {
      d.title = 'Secret decision';
    }),
    {
      kind: 'exception',
      repository: 'other/secret',
      pullRequest: 1,
      deliveryId: 'ex-s',
      recordedAt: at(25, 11),
      data: {
        ...exceptionUse('secret-exception', '2027-06-01', 'mallory'),
        decisionSeq: 10,
        headSha: SHA_SECRET,
        tier: 'low',
      },
    },
    {
      kind: 'break-glass',
      repository: 'other/secret',
      pullRequest: 1,
      deliveryId: 'bg-s',
      recordedAt: at(25, 12),
      data: {
        by: 'mallory',
        reason: 'secret reason',
        at: '2026-11-25T11:00:00Z',
        sha: SHA_SECRET,
        headSha: SHA_SECRET,
        decisionSeq: 10,
        tier: 'low',
      },
    },
  ];
  if (options.hostile)
    entries.push(
      decision(`acme/${HOSTILE}`, 9, SHA_7, 26, (d) => {
        d.title = `=HYPERLINK("http://evil.example","${HOSTILE}")`;
        d.findings = d.findings.map((f) => ({ ...f, rationale: HOSTILE, file: `${HOSTILE}.tf` }));
        d.excluded = [{ login: HOSTILE, reason: HOSTILE }];
      }),
    );
  await audit.records.append(entries);
  await audit.db.query(
    `INSERT INTO outbox (delivery_id, repository, pull_request, decision_seq, action, payload, created_at, done_at, result, installation_id)
     VALUES ('bg-3', 'acme/network', 3, 6, 'follow-up-issue', '{}', now(), now(), 'https://github.com/acme/network/issues/41', 31)`,
  );
}
