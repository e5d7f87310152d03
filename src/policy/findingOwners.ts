import type { Finding } from '../classify/classify.js';
import { type Codeowners, codeownersEntryFor, ownerKind } from '../config/codeowners.js';
import { policyOwnerOf } from '../config/ruleOwners.js';
import type { Policy, Principals } from '../model/policy.js';
import type { IdentityIndex } from './identities.js';

/** One owner of a finding, as the decision reports it (docs/owners.md). */
export interface FindingOwner {
  users: string[];
  teams: string[];
  /** where the owner comes from: `rules[0].owner`, `catalog.owners[1]`, `.github/CODEOWNERS:12` */
  source: string;
  /** whether the finding's tier asks for its owners' approval (owner_approval) */
  required: boolean;
  /** who approved for this owner; null while nobody has (or when it is not required) */
  approvedBy: string | null;
}

/** A finding of the decision: with its owners when the policy names owners of findings. */
export type OwnedFinding = Finding & { owners?: FindingOwner[] };

/** An owner as resolved for one finding, with the key that makes the same owner one approval slot. */
export interface ResolvedOwner {
  owner: Principals;
  source: string;
  key: string;
}

export interface OwnerSources {
  policy: Policy;
  /** the base's CODEOWNERS; null when there is none (or the policy does not read it) */
  codeowners: Codeowners | null;
  identities: IdentityIndex;
  /** the repository's owner: a team named without its organization belongs to it */
  org: string;
}

/**
 * A finding's owners: the owner the policy gives its rule (the rule's own, else catalog.owners),
 * and the code owners of its file (owners_from_codeowners). Each must approve when the tier asks
 * for owner approval; the same owner twice is one.
 */
export function ownersOfFinding(finding: Finding, sources: OwnerSources): ResolvedOwner[] {
  const owners: ResolvedOwner[] = [];
  const fromPolicy = policyOwnerOf(finding.ruleId, sources.policy);
  if (fromPolicy) owners.push(resolved(fromPolicy.owner, fromPolicy.source, sources.org));
  const fromCode = codeOwnerOf(finding, sources);
  if (fromCode && !owners.some((o) => o.key === fromCode.key)) owners.push(fromCode);
  return owners;
}

function codeOwnerOf(finding: Finding, sources: OwnerSources): ResolvedOwner | null {
  const { codeowners } = sources;
  if (!sources.policy.ownership.fromCodeowners || codeowners === null) return null;
  // A plan's finding not placed in the code has no path in the repository.
  if (finding.file === '' || finding.file === finding.plan) return null;
  const entry = codeownersEntryFor(codeowners, finding.file);
  if (entry === null || entry.owners.length === 0) return null;
  const owner: Principals = { users: [], teams: [] };
  for (const token of entry.owners) {
    const kind = ownerKind(token);
    if (kind === 'team') owner.teams.push(token.slice(1));
    else if (kind === 'user') owner.users.push(token.slice(1));
    // An address the policy's identities map is that person; otherwise nobody can approve as it.
    else if (kind === 'email') owner.users.push(sources.identities.loginOf({ login: null, email: token }) ?? token);
    // Never a login (it has a space), so nobody can approve as it: the check says why.
    else owner.users.push(`${token} (not an owner)`);
  }
  return resolved(owner, `${codeowners.path}:${entry.line}`, sources.org);
}

function resolved(owner: Principals, source: string, org: string): ResolvedOwner {
  return { owner, source, key: ownerKey(owner, org) };
}

/** Logins ignore case; `security` is `<org>/security`. */
function ownerKey(owner: Principals, org: string): string {
  const users = owner.users.map((u) => u.toLowerCase()).sort();
  const teams = owner.teams.map((t) => fullTeam(t, org).toLowerCase()).sort();
  return `${users.join(',')}|${teams.join(',')}`;
}

export function fullTeam(team: string, org: string): string {
  return team.includes('/') ? team : `${org}/${team}`;
}

/** An owner in a few words: `acme/security`, `alice, bob`. */
export function ownerLabel(owner: Principals): string {
  return [...owner.users, ...owner.teams].join(', ');
}

/** Whether a user entry is an account (not an address or a token nobody can approve as). */
export function isLogin(user: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*(\[bot\])?$/.test(user);
}

/**
 * Who hears of break-glass and exception use: the policy's owners, and with
 * notify_finding_owners the owners of every finding too (accounts and teams, once each).
 */
export function noticeRecipients(policy: Policy, findings: readonly OwnedFinding[]): Principals {
  if (!policy.ownership.notifyFindingOwners) return policy.owners;
  const users = [...policy.owners.users];
  const teams = [...policy.owners.teams];
  const add = (list: string[], value: string) => {
    if (!list.some((v) => v.toLowerCase() === value.toLowerCase())) list.push(value);
  };
  for (const owner of findings.flatMap((f) => f.owners ?? [])) {
    for (const user of owner.users) if (isLogin(user)) add(users, user);
    for (const team of owner.teams) add(teams, team);
  }
  return { users, teams };
}
