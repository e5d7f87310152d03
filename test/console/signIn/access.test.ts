import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInHarness } from './harness.js';

// Two organizations and a personal account have the app; each configured team speaks for its own organization.
let harness: SignInHarness;
const acmeRepositories = Array.from({ length: 7 }, (_, index) => `acme/repo-${index}`);

beforeAll(async () => {
  harness = await SignInHarness.start(
    {
      users: [
        { login: 'ann', teams: ['acme/auditors'], canRead: acmeRepositories.slice(0, 5) },
        { login: 'gus', teams: ['globex/auditors'], canRead: ['acme/repo-0'] },
        { login: 'gina', teams: ['globex/auditors'], canRead: ['acme/repo-0', 'globex/net'] },
        { login: 'pete', teams: ['acme/platform'], canRead: ['acme/repo-0'] },
        { login: 'sol', canRead: ['sol/dotfiles', 'acme/repo-1'] },
        { login: 'nobody', canRead: ['elsewhere/thing'] },
        { login: 'olga', orgRoles: { acme: 'admin', globex: 'member' }, canRead: [...acmeRepositories, 'globex/net'] },
      ],
      installations: [
        { id: 1, account: 'acme', repositories: acmeRepositories },
        { id: 2, account: 'globex', repositories: ['globex/net'] },
        { id: 3, account: 'sol', type: 'User', repositories: ['sol/dotfiles'] },
      ],
      pageSize: 2,
    },
    [
      { org: 'acme', team: 'auditors' },
      { org: 'globex', team: 'auditors' },
      { org: 'initech', team: 'auditors' },
    ],
  );
});

afterAll(async () => {
  expect(harness.leaks()).toEqual([]);
  await harness.close();
});

describe('who may look, and at what', () => {
  it.each([
    [
      'an auditor, over several pages of repositories',
      'ann',
      ['acme/repo-0', 'acme/repo-1', 'acme/repo-2', 'acme/repo-3', 'acme/repo-4'],
    ],
    ["another organization's auditor: that organization's repositories only", 'gina', ['globex/net']],
    ["an organization's owner: that organization's, not another's where they are a member", 'olga', acmeRepositories],
    ["a personal account's owner: their own repositories, not others they can read", 'sol', ['sol/dotfiles']],
  ])('%s', async (_name, login, repositories) => {
    const { cookie } = await harness.signInAs(login);
    expect(await harness.outcome(cookie)).toMatchObject({ kind: 'viewer', viewer: { login, repositories } });
  });

  it.each([
    [
      "an auditor of another organization's team only",
      'gus',
      'gus is not a member of acme/auditors, nor an owner of acme. Ask an owner to add gus to acme/auditors, then sign in again.',
    ],
    [
      'a member of a team that is not an auditors team',
      'pete',
      'pete is not a member of acme/auditors, nor an owner of acme. Ask an owner to add pete to acme/auditors, then sign in again.',
    ],
    [
      'someone who can read none of the repositories the app is installed on',
      'nobody',
      'Four Eyes is installed on no repository nobody can read, so there is nothing for nobody to audit. Sign in with another GitHub account, or ask an organization owner for read access to the repositories to audit.',
    ],
  ])('forbids %s, saying why', async (_name, login, reason) => {
    const { cookie } = await harness.signInAs(login);
    expect(await harness.outcome(cookie)).toEqual({ kind: 'forbidden', login, reason });
    expect(harness.logLines).toContain(`four-eyes console: ${login} signed in but may not look: ${reason}`);
  });

  it("asks GitHub about teams in the installations' organizations only, and about a personal account's nothing", async () => {
    const before = harness.fake.requests.length;
    await harness.signInAs('sol');
    const asked = harness.fake.requests.slice(before).map((request) => request.url);
    expect(asked.filter((url) => url.includes('/orgs/'))).toEqual([
      '/api/v3/orgs/acme/teams/auditors/memberships/sol',
      '/api/v3/user/memberships/orgs/acme',
    ]);
  });
});
