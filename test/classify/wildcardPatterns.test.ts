import { describe, expect, it } from 'vitest';
import { wildcardMatches } from '../../src/classify/wildcardPatterns.js';

describe('wildcardMatches: AWS wildcard patterns (* any run, ? one character)', () => {
  it.each([
    ['*', 'iam:PassRole', false, true],
    ['iam:*', 'iam:PassRole', false, true],
    ['iam:Pass*', 'iam:PassRole', false, true],
    ['iam:*Role', 'iam:PassRole', false, true],
    ['iam:?assRole', 'iam:PassRole', false, true],
    ['i*:*e*', 'iam:PassRole', false, true],
    ['**', '', false, true],
    ['IAM:PASSROLE', 'iam:PassRole', true, true],
    ['IAM:PASSROLE', 'iam:PassRole', false, false],
    ['iam:Get*', 'iam:PassRole', false, false],
    ['iam:PassRole?', 'iam:PassRole', false, false],
    ['iam:?', 'iam:', false, false],
    ['arn:aws:*', 'arn:aws:s3:::b/k', false, true],
    ['arn:aws:s3:::*', 'arn:aws:iam::111122223333:role/r', false, false],
    [
      '*a*a*a*a*a*b',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac',
      false,
      false,
    ],
  ])('%s against %s (ignore case: %s) is %s', (pattern, name, ignoreCase, expected) => {
    expect(wildcardMatches(pattern, name, ignoreCase)).toBe(expected);
  });
});
