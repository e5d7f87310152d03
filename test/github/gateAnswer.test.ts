import { describe, expect, it } from 'vitest';
import { GATE_COMMENT_LIMIT, gateComment, runIdOf } from '../../src/github/gateAnswer.js';
import { gateFailure } from '../../src/policy/executionVerdict.js';

describe('the run a deployment_callback_url answers', () => {
  it.each([
    ['https://api.github.com/repos/acme/infra/actions/runs/555/deployment_protection_rule', 555],
    ['https://ghe.acme.example/api/v3/repos/acme/infra/actions/runs/12/deployment_protection_rule', 12],
    ['https://api.github.com/repos/acme/infra/actions/runs/555/deployment_protection_rule/', 555],
    ['https://api.github.com/repos/acme/infra/deployments/555', null],
    ['https://api.github.com/repos/acme/infra/actions/runs/0/deployment_protection_rule', null],
    ['https://api.github.com/repos/acme/infra/actions/runs/99999999999999999999/deployment_protection_rule', null],
    ['', null],
    [null, null],
  ])('%s: %s', (url, runId) => {
    expect(runIdOf(url)).toBe(runId);
  });
});

describe("the answer's comment", () => {
  it('says the outcome, its code, the reason and the audit record', () => {
    expect(gateComment(gateFailure('GitHub answered 502'), 17)).toBe(
      '**Four Eyes: rejected** (`error`): GitHub answered 502\n\nAudit record #17.',
    );
    expect(gateComment(gateFailure('no record'), null)).toBe('**Four Eyes: rejected** (`error`): no record');
  });

  it("fits GitHub's limit: the reason is cut, never the audit record's number", () => {
    const comment = gateComment(gateFailure('x'.repeat(5000)), 123456);
    expect(comment).toHaveLength(GATE_COMMENT_LIMIT);
    expect(comment).toMatch(/x…\n\nAudit record #123456\.$/);
  });

  it('never cuts a character in half', () => {
    const reason = '🔒'.repeat(2000);
    const comment = gateComment(gateFailure(reason), null);
    expect(comment.length).toBeLessThanOrEqual(GATE_COMMENT_LIMIT);
    expect(comment.endsWith('🔒…')).toBe(true);
  });
});
