import { describe, expect, it } from 'vitest';
import type { CommitNode, ReviewNode } from '../../src/github/graphqlShapes.js';
import {
  approvers,
  factsFromSnapshot,
  loginOf,
  type PullRequestSnapshot,
  type RecordedActivity,
} from '../../src/github/pullRequestFacts.js';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const MID = 'd'.repeat(40);

function commit(
  oid: string,
  parents: string[],
  authors: { login: string | null; email: string }[],
  committer?: { login: string | null; email: string },
): CommitNode {
  const actor = (a: { login: string | null; email: string }) => ({
    email: a.email,
    name: a.email.split('@')[0]!,
    user: a.login ? { login: a.login } : null,
  });
  return {
    commit: {
      oid,
      parents: { nodes: parents.map((p) => ({ oid: p })) },
      authors: { nodes: authors.map(actor) },
      committer: actor(committer ?? authors[0]!),
    },
  };
}

function reviewNode(login: string, state: ReviewNode['state'], overrides: Partial<ReviewNode> = {}): ReviewNode {
  return {
    databaseId: 1,
    state,
    submittedAt: '2026-11-24T10:00:00Z',
    authorCanPushToRepository: true,
    commit: { oid: HEAD },
    author: { __typename: 'User', login },
    ...overrides,
  };
}

function snapshot(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  return {
    owner: 'acme',
    name: 'infra',
    pullRequest: {
      number: 42,
      state: 'OPEN',
      changedFiles: 1,
      baseRefName: 'main',
      baseRefOid: BASE,
      headRefName: 'feature',
      headRefOid: HEAD,
      author: { __typename: 'User', login: 'alice' },
    },
    commitsTotal: 1,
    commits: [commit(HEAD, [BASE], [{ login: 'alice', email: 'alice@acme.example' }])],
    reviews: [],
    forcePushes: [],
    labels: [],
    ...overrides,
  };
}

const noActivity: RecordedActivity = {
  branchPushes: [],
  pullRequestPushes: [],
  breakGlass: [],
  impactDigests: {},
  teams: {},
  filesTruncated: false,
};

describe("PR facts from GitHub's GraphQL shapes", () => {
  it('names bots as webhooks do, and a deleted account as ghost', () => {
    expect(loginOf({ __typename: 'Bot', login: 'dependabot' })).toBe('dependabot[bot]');
    expect(loginOf({ __typename: 'Bot', login: 'renovate[bot]' })).toBe('renovate[bot]');
    expect(loginOf({ __typename: 'User', login: 'carol' })).toBe('carol');
    expect(loginOf(null)).toBe('ghost');
    const facts = factsFromSnapshot(
      snapshot({ pullRequest: { ...snapshot().pullRequest, author: { __typename: 'Bot', login: 'dependabot' } } }),
      noActivity,
    );
    expect(facts.author).toEqual({ login: 'dependabot[bot]', isBot: true });
  });

  it("the first of a commit's authors is its author, the rest co-authors; unlinked identities keep their e-mail", () => {
    const facts = factsFromSnapshot(
      snapshot({
        commits: [
          commit(
            HEAD,
            [BASE],
            [
              { login: 'alice', email: 'a@x' },
              { login: null, email: 'pair@x' },
            ],
            { login: 'web-flow', email: 'noreply@github.com' },
          ),
        ],
      }),
      noActivity,
    );
    expect(facts.commits[0]).toEqual({
      sha: HEAD,
      parents: [BASE],
      isMergeOfBase: false,
      authors: [
        { login: 'alice', email: 'a@x', name: 'a', role: 'author' },
        { login: null, email: 'pair@x', name: 'pair', role: 'co-author' },
      ],
      committer: { login: 'web-flow', email: 'noreply@github.com', name: 'noreply' },
    });
  });

  it("a merge whose other parent is not one of the PR's commits brings in the base", () => {
    const facts = factsFromSnapshot(
      snapshot({
        commitsTotal: 2,
        commits: [
          commit(MID, [BASE], [{ login: 'alice', email: 'a@x' }]),
          commit(HEAD, [MID, 'e'.repeat(40)], [{ login: 'alice', email: 'a@x' }]),
        ],
      }),
      noActivity,
    );
    expect(facts.commits.map((c) => c.isMergeOfBase)).toEqual([false, true]);
  });

  it.each([
    ['every commit seen', 1, 1, false],
    ['GitHub says more than were returned', 2, 1, true],
    ['more than GitHub ever returns', 251, 251, true],
  ])('commits truncated: %s', (_name, total, returned, truncated) => {
    const commits = Array.from({ length: returned }, (_, i) =>
      commit(i.toString(16).padStart(40, '0'), [BASE], [{ login: 'alice', email: 'a@x' }]),
    );
    expect(factsFromSnapshot(snapshot({ commitsTotal: total, commits }), noActivity).limits.commitsTruncated).toBe(
      truncated,
    );
  });

  it("pending reviews are left out; dismissed ones are marked; permission is the latest review's word", () => {
    const facts = factsFromSnapshot(
      snapshot({
        reviews: [
          reviewNode('carol', 'APPROVED', { authorCanPushToRepository: false, submittedAt: '2026-11-24T09:00:00Z' }),
          reviewNode('carol', 'COMMENTED', {
            databaseId: 2,
            authorCanPushToRepository: true,
            submittedAt: '2026-11-24T11:00:00Z',
          }),
          reviewNode('dave', 'DISMISSED', { databaseId: 3 }),
          reviewNode('erin', 'PENDING', { databaseId: 4, submittedAt: null }),
        ],
      }),
      { ...noActivity, teams: { carol: ['acme/platform'] } },
    );
    expect(facts.reviews.map((r) => [r.reviewer.login, r.state, r.dismissed])).toEqual([
      ['carol', 'APPROVED', false],
      ['carol', 'COMMENTED', false],
      ['dave', 'DISMISSED', true],
    ]);
    expect(facts.reviewers).toEqual({
      carol: { permission: 'write', teams: ['acme/platform'] },
      dave: { permission: 'write', teams: [] },
      erin: { permission: 'write', teams: [] },
    });
  });

  it('team memberships reach the facts for people who did not review (the author, break-glass requesters), matched without case', () => {
    const facts = factsFromSnapshot(snapshot({ reviews: [reviewNode('Carol', 'APPROVED')] }), {
      ...noActivity,
      teams: { carol: ['acme/platform'], alice: ['acme/tag-stewards'], olivia: ['acme/sre-oncall'] },
    });
    expect(facts.reviewers).toEqual({
      Carol: { permission: 'write', teams: ['acme/platform'] },
      alice: { permission: 'read', teams: ['acme/tag-stewards'] },
      olivia: { permission: 'read', teams: ['acme/sre-oncall'] },
    });
  });

  it("pushers: branch pushes of the PR's commits, every synchronize sender, and force pushes", () => {
    const facts = factsFromSnapshot(
      snapshot({
        forcePushes: [
          {
            createdAt: '2026-11-24T08:00:00Z',
            actor: { __typename: 'User', login: 'frank' },
            afterCommit: { oid: HEAD },
          },
        ],
      }),
      {
        ...noActivity,
        branchPushes: [
          { login: 'carol', sha: HEAD, at: '2026-11-24T07:00:00Z', forced: false },
          { login: 'old-pr-author', sha: 'f'.repeat(40), at: '2025-01-01T00:00:00Z', forced: false },
        ],
        pullRequestPushes: [{ login: 'dave', sha: 'a'.repeat(40), at: '2026-11-24T06:00:00Z', forced: false }],
      },
    );
    expect(facts.pushers.map((p) => [p.login, p.forced])).toEqual([
      ['carol', false],
      ['dave', false],
      ['frank', true],
    ]);
  });

  it('approvers are the people with an approving review, once each, sorted', () => {
    expect(
      approvers(
        snapshot({
          reviews: [
            reviewNode('dave', 'APPROVED'),
            reviewNode('carol', 'APPROVED'),
            reviewNode('dave', 'APPROVED'),
            reviewNode('erin', 'COMMENTED'),
          ],
        }),
      ),
    ).toEqual(['carol', 'dave']);
  });
});
