import { describe, expect, it } from 'vitest';
import { parseQueueRef } from '../../src/github/mergeQueueRef.js';

const SHA = '929f8209d40f77f4abc622a499c93a83babdbe64';
const SHA256 = 'a'.repeat(64);

describe("reading a merge queue entry's ref", () => {
  it.each([
    ["GitHub's example", `refs/heads/gh-readonly-queue/main/pr-104-${SHA}`, 'refs/heads/main', 'main', 104, SHA],
    [
      'a base branch with slashes',
      `refs/heads/gh-readonly-queue/release/2026.11/pr-7-${SHA}`,
      'refs/heads/release/2026.11',
      'release/2026.11',
      7,
      SHA,
    ],
    [
      'a branch named like an entry',
      `refs/heads/gh-readonly-queue/pr-1-x/pr-7-${SHA}`,
      'refs/heads/pr-1-x',
      'pr-1-x',
      7,
      SHA,
    ],
    ['refs without refs/heads/', `gh-readonly-queue/main/pr-7-${SHA}`, 'main', 'main', 7, SHA],
    ['a SHA-256 repository', `refs/heads/gh-readonly-queue/main/pr-7-${SHA256}`, 'refs/heads/main', 'main', 7, SHA256],
  ])('%s', (_case, headRef, baseRef, baseBranch, pullRequest, headSha) => {
    expect(parseQueueRef(headRef, baseRef)).toEqual({ baseBranch, pullRequest, headSha });
  });

  it.each([
    ['not a queue branch', 'refs/heads/feature/iam', 'is not a merge queue branch (gh-readonly-queue/…)'],
    ['a tag', `refs/tags/gh-readonly-queue/main/pr-7-${SHA}`, 'is not a merge queue branch'],
    ['no head SHA', 'refs/heads/gh-readonly-queue/main/pr-7', 'does not end in <base branch>/pr-<number>-<head SHA>'],
    ['an abbreviated SHA', 'refs/heads/gh-readonly-queue/main/pr-7-929f820', 'does not end in'],
    ['an upper-case SHA', `refs/heads/gh-readonly-queue/main/pr-7-${SHA.toUpperCase()}`, 'does not end in'],
    ['no base branch', `refs/heads/gh-readonly-queue/pr-7-${SHA}`, 'does not end in'],
    ['an empty base branch', `refs/heads/gh-readonly-queue//pr-7-${SHA}`, 'does not end in'],
    ['pull request 0', `refs/heads/gh-readonly-queue/main/pr-0-${SHA}`, 'does not end in'],
    ['a number too large', `refs/heads/gh-readonly-queue/main/pr-1234567890-${SHA}`, 'does not end in'],
    ['something after the SHA', `refs/heads/gh-readonly-queue/main/pr-7-${SHA}/x`, 'does not end in'],
    [
      'another base branch than the group merges into',
      `refs/heads/gh-readonly-queue/release/pr-7-${SHA}`,
      'names the branch "release", but the group merges into "main"',
    ],
  ])('%s: a problem, in words', (_case, headRef, problem) => {
    const parsed = parseQueueRef(headRef, 'refs/heads/main');
    expect(parsed).toEqual({ problem: expect.stringContaining(problem) });
    expect((parsed as { problem: string }).problem).toContain(JSON.stringify(headRef));
  });
});
