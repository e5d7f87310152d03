import type { Policy } from '../model/policy.js';
import type { PrFacts } from './facts.js';
import { type IdentityIndex, sameLogin } from './identities.js';

type ExclusionRole = 'author' | 'commit-author' | 'committer' | 'co-author' | 'pusher' | 'deployer';

/** Why one account may not approve: its role, and the account that had the role. */
export interface Exclusion {
  role: ExclusionRole;
  /** the account that wrote, pushed or deploys (an alias of it is excluded too) */
  login: string;
  /** the commit, for commit authors, committers, co-authors and pushers */
  sha?: string;
}

/** A commit author GitHub could not link to an account and the policy does not map. */
interface UnattributedIdentity {
  sha: string;
  role: 'author' | 'co-author' | 'committer';
  email: string | null;
  name: string | null;
}

export interface ExclusionSet {
  /** by person key (see IdentityIndex.person) */
  byPerson: Map<string, Exclusion[]>;
  unattributed: UnattributedIdentity[];
}

/**
 * Everyone who wrote, pushed or will execute the change: the author, every commit author,
 * committer and co-author, every pusher, and the configured deployers — as people, so their
 * aliases are excluded with them.
 */
export function buildExclusions(facts: PrFacts, policy: Policy, identities: IdentityIndex): ExclusionSet {
  const byPerson = new Map<string, Exclusion[]>();
  const unattributed: UnattributedIdentity[] = [];
  const add = (exclusion: Exclusion) => {
    const key = identities.person(exclusion.login);
    const list = byPerson.get(key) ?? [];
    const duplicate = list.some(
      (e) => e.role === exclusion.role && sameLogin(e.login, exclusion.login) && e.sha === exclusion.sha,
    );
    if (!duplicate) list.push(exclusion);
    byPerson.set(key, list);
  };
  add({ role: 'author', login: facts.author.login });
  for (const commit of facts.commits) {
    for (const author of commit.authors) {
      const login = identities.loginOf(author);
      if (login) add({ role: author.role === 'author' ? 'commit-author' : 'co-author', login, sha: commit.sha });
      else unattributed.push({ sha: commit.sha, role: author.role, email: author.email, name: author.name ?? null });
    }
    const committer = identities.loginOf(commit.committer);
    if (committer) add({ role: 'committer', login: committer, sha: commit.sha });
    else if (!isGitHubWebFlow(commit.committer.email))
      unattributed.push({
        sha: commit.sha,
        role: 'committer',
        email: commit.committer.email,
        name: commit.committer.name ?? null,
      });
  }
  for (const push of facts.pushers) add({ role: 'pusher', login: push.login, sha: push.sha });
  for (const deployer of policy.deployers) add({ role: 'deployer', login: deployer });
  return { byPerson, unattributed };
}

/** Commits made in GitHub's web interface are committed by GitHub itself, not by a person. */
export function isGitHubWebFlow(email: string | null): boolean {
  return email !== null && email.toLowerCase() === 'noreply@github.com';
}
