import { describe, expect, it } from 'vitest';
import { planRunState, type WorkflowRun, workflowFile } from '../../src/github/workflowRuns.js';

const WORKFLOW = '.github/workflows/terraform.yml';
const HEAD = 'c'.repeat(40);
const run = (status: string, conclusion: string | null): WorkflowRun => ({
  id: 77,
  path: WORKFLOW,
  headSha: HEAD,
  status,
  conclusion,
  url: 'https://github.com/acme/infra/actions/runs/77',
});
const NAMED = `run 77 of ${WORKFLOW} (https://github.com/acme/infra/actions/runs/77)`;

describe('what the plan workflow run means for the plan', () => {
  it.each([
    ['no run yet', null, { kind: 'waiting', reason: `${WORKFLOW} has not run on ccccccc yet` }],
    ['queued', run('queued', null), { kind: 'waiting', reason: `${NAMED} is queued` }],
    ['in progress', run('in_progress', null), { kind: 'waiting', reason: `${NAMED} is in progress` }],
    [
      'held for approval (a fork)',
      run('completed', 'action_required'),
      { kind: 'waiting', reason: `${NAMED} waits for a maintainer to approve it` },
    ],
    ['failed', run('completed', 'failure'), { kind: 'failed', reason: `${NAMED} ended failure` }],
    ['cancelled', run('completed', 'cancelled'), { kind: 'failed', reason: `${NAMED} ended cancelled` }],
    ['timed out', run('completed', 'timed_out'), { kind: 'failed', reason: `${NAMED} ended timed_out` }],
    ['skipped', run('completed', 'skipped'), { kind: 'failed', reason: `${NAMED} ended skipped` }],
  ])('%s', (_name, latest, expected) => {
    expect(planRunState(latest, WORKFLOW, HEAD)).toEqual(expected);
  });

  it('succeeded: its artifact is to be read', () => {
    expect(planRunState(run('completed', 'success'), WORKFLOW, HEAD)).toEqual({
      kind: 'succeeded',
      run: run('completed', 'success'),
    });
  });

  it("a run's path may name the ref it was read at", () => {
    expect(workflowFile(`${WORKFLOW}@refs/heads/main`)).toBe(WORKFLOW);
    expect(workflowFile(WORKFLOW)).toBe(WORKFLOW);
  });
});
