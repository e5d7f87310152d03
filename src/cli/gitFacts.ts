import { basename, resolve } from 'node:path';
import type { Policy } from '../model/policy.js';
import type { CommitFacts, GitIdentity, PrFacts } from '../policy/facts.js';
import { IdentityIndex } from '../policy/identities.js';
import { git } from './git.js';

const FIELD = '\u001f';
const RECORD = '\u001e';

/**
 * PR facts for a branch that is not a pull request yet: its commits from a local repository,
 * no reviews. GitHub logins are unknown locally, so an identity is its policy mapping (the
 * `identities` e-mails) or, failing that, `<e-mail>`: distinct people stay distinct, and the
 * decision shows what independent approval the change would need.
 */
export function factsFromGit(repo: string, baseSha: string, headSha: string, policy: Policy): PrFacts {
  const identities = new IdentityIndex(policy);
  const log = git(repo, [
    'log',
    '--reverse',
    `--format=%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%cn${FIELD}%ce${FIELD}%B${RECORD}`,
    `${baseSha}..${headSha}`,
  ]);
  const commits: CommitFacts[] = log
    .split(RECORD)
    .map((r) => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [
        sha = '',
        parents = '',
        authorName = '',
        authorEmail = '',
        committerName = '',
        committerEmail = '',
        message = '',
      ] = record.split(FIELD);
      const identify = (name: string, email: string): GitIdentity => ({
        login: identities.loginOf({ login: null, email }) ?? `<${email}>`,
        email,
        name,
      });
      return {
        sha,
        parents: parents.split(' ').filter(Boolean),
        authors: [
          { ...identify(authorName, authorEmail), role: 'author' as const },
          ...coAuthors(message).map((c) => ({ ...identify(c.name, c.email), role: 'co-author' as const })),
        ],
        committer: identify(committerName, committerEmail),
        isMergeOfBase: false,
      };
    });
  const first = commits[0]?.authors[0];
  return {
    repository: { owner: 'local', name: basename(resolve(repo)) },
    number: 0,
    baseBranch: baseSha,
    baseSha,
    headSha,
    author: { login: first?.login ?? 'unknown', isBot: false },
    commits,
    pushers: [],
    reviews: [],
    reviewers: {},
    labels: [],
    breakGlass: [],
    impactDigests: {},
    limits: { filesTruncated: false, commitsTruncated: false },
  };
}

/** `Co-authored-by: Name <email>` trailers, as GitHub reads them. */
function coAuthors(message: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = [];
  for (const match of message.matchAll(/^co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/gim))
    out.push({ name: match[1] ?? '', email: match[2] ?? '' });
  return out;
}
