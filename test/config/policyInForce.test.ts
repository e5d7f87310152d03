import { describe, expect, it } from 'vitest';
import { isValidPolicy, type PolicyOrigin, policyInForce } from '../../src/config/policyInForce.js';
import { defaultPolicy } from '../../src/model/policy.js';

const VALID = 'tiers:\n  low:\n    approvals: 1\n';
const INVALID = 'tiers:\n  high:\n    approvals: two\n';

describe('the policy in force', () => {
  it.each<[string, PolicyOrigin, boolean, number]>([
    ['no file: the built-in defaults, valid', { kind: 'absent' }, true, 0],
    ['a valid file: its rules', { kind: 'text', text: VALID }, true, 1],
    ['an invalid file: the defaults to rate with, and its errors', { kind: 'text', text: INVALID }, false, 0],
    [
      'a file that cannot be read: the defaults, and one error saying why',
      { kind: 'unreadable', reason: 'GitHub answered 404' },
      false,
      0,
    ],
  ])('%s', (_case, origin, valid, lowApprovals) => {
    const inForce = policyInForce('main:.github/four-eyes.yml', origin);
    expect(isValidPolicy(inForce)).toBe(valid);
    expect(inForce.source).toBe('main:.github/four-eyes.yml');
    expect(inForce.policy.tiers.low.reduce((sum, r) => sum + r.approvals, 0)).toBe(lowApprovals);
    if (!valid) expect(inForce.policy).toEqual(defaultPolicy());
  });

  it('an invalid file names each error with its line', () => {
    const { errors } = policyInForce('x', { kind: 'text', text: INVALID });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'tiers.high.approvals', line: 3 });
  });

  it('an unreadable file says why at line 1', () => {
    expect(
      policyInForce('x', { kind: 'unreadable', reason: 'the merged _extends result is not a mapping' }).errors,
    ).toEqual([
      { message: 'cannot be read: the merged _extends result is not a mapping', path: '', line: 1, column: 1 },
    ]);
  });
});
