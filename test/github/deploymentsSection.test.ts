import { describe, expect, it } from 'vitest';
import type { NewestRecord } from '../../src/audit/auditStore.js';
import {
  DEPLOYMENTS_MARKER,
  deploymentsOf,
  deploymentsSection,
  withDeploymentsSection,
} from '../../src/github/deploymentsSection.js';
import { GITHUB_OUTPUT_LIMIT } from '../../src/report/markdown.js';

const URL = 'https://github.com/acme/infra';

function execution(seq: number, deliveryId: string | null, overrides: Partial<NewestRecord<'execution'>['data']> = {}) {
  return {
    seq,
    recordedAt: '2026-11-24T12:34:56.789Z',
    deliveryId,
    data: {
      sha: 'e'.repeat(40),
      environment: 'production',
      runId: 500 + seq,
      deploymentId: 1,
      executors: [
        { login: 'erin', roles: ['actor', 'triggering-actor'] },
        { login: 'erin', roles: ['deployment-creator'] },
      ],
      approvers: ['carol'],
      planDigests: [],
      outcome: 'approved',
      code: 'approved-change',
      reason: 'eeeeeee merged #42 and brought exactly its approved change',
      decision: {
        seq: 1,
        pullRequest: 42,
        headSha: 'c'.repeat(40),
        impactDigest: 'sha256:0',
        tier: 'high',
        title: 't',
      },
      breakGlass: null,
      ...overrides,
    },
  } satisfies NewestRecord<'execution'>;
}

const rows = (text: string) => text.split('\n').filter((line) => line.startsWith('| `'));

describe('the Deployments section', () => {
  it('one line per gate decision: environment, outcome, who ran it (once each), why, when, run and record', () => {
    expect(rows(deploymentsSection([execution(3, 'd1')], URL))).toEqual([
      '| `production` | ✅ approved (`approved-change`) | erin | eeeeeee merged \\#42 and brought exactly its approved change | 2026-11-24 12:34 UTC | [503](https://github.com/acme/infra/actions/runs/503) | #3 |',
    ]);
  });

  it('a reason is shortened to one line, and cannot break the table', () => {
    const reason = `a | b\nc ${'x'.repeat(300)}`;
    const [row] = rows(deploymentsSection([execution(3, 'd1', { outcome: 'rejected', code: 'error', reason })], URL));
    expect(row).toContain('❌ rejected (`error`) | erin | a \\| b c xxx');
    expect(row).toMatch(/x… \| 2026/);
  });

  it('a delivery decided again shows its last decision; other deliveries keep theirs, oldest first', () => {
    const listed = deploymentsOf([execution(7, 'd2'), execution(5, 'd1'), execution(3, 'd1'), execution(4, null)]);
    expect(listed.map((e) => e.seq)).toEqual([4, 5, 7]);
  });

  it('replaces the section it finds, and adds one after the decision when there is none', () => {
    const first = withDeploymentsSection('## Passed', [execution(3, 'd1')], URL);
    expect(first.startsWith(`## Passed\n\n${DEPLOYMENTS_MARKER}\n## Deployments\n`)).toBe(true);
    const second = withDeploymentsSection(first, [execution(3, 'd1'), execution(4, 'd2')], URL);
    expect(second.startsWith(`## Passed\n\n${DEPLOYMENTS_MARKER}\n## Deployments\n`)).toBe(true);
    expect(rows(second).map((row) => row.split(' | ').at(-1))).toEqual(['#3 |', '#4 |']);
    expect(withDeploymentsSection(second, [execution(3, 'd1'), execution(4, 'd2')], URL)).toBe(second);
  });

  it("within GitHub's limit: the newest 20 listed, the oldest give way when the decision's output leaves no room", () => {
    const many = Array.from({ length: 25 }, (_, i) => execution(i + 1, `d${i}`));
    const roomy = withDeploymentsSection('## Passed', many, URL);
    expect(rows(roomy)).toHaveLength(20);
    expect(roomy).toContain("25 gate decisions of Four Eyes' deployment gate on this change, the newest 20 listed");
    const full = 'x'.repeat(GITHUB_OUTPUT_LIMIT - 1500);
    const tight = withDeploymentsSection(full, many, URL);
    expect(tight.length).toBeLessThanOrEqual(GITHUB_OUTPUT_LIMIT);
    expect(rows(tight).length).toBeLessThan(20);
    expect(rows(tight).at(-1)).toContain('| #25 |');
    const fullest = 'x'.repeat(GITHUB_OUTPUT_LIMIT);
    expect(withDeploymentsSection(fullest, many, URL)).toBe(fullest);
  });
});
