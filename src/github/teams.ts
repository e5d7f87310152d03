import { ownerKind } from '../config/codeowners.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import type { Policy, Principals } from '../model/policy.js';
import type { BreakGlassRequest } from '../policy/facts.js';
import { IdentityIndex } from '../policy/identities.js';
import type { GitHubClient } from './octokit.js';
import { approvers, type PullRequestSnapshot } from './pullRequestFacts.js';
import { teamMembersQuery, teamsQuery } from './queries.js';

/** Logins per team query: aliases keep one request for all the reviewers that matter. */
const LOGINS_PER_REQUEST = 50;

/**
 * Whose team memberships the decision needs: approvers when a requirement names teams (or teams
 * own findings whose approval is asked for: `ownerTeams`), break-glass requesters when break-glass
 * allows a team, the author when an exception does. Nobody else's.
 */
export function loginsNeedingTeams(
  policy: Policy,
  snapshot: PullRequestSnapshot,
  breakGlass: BreakGlassRequest[],
  author: string,
  ownerTeams: readonly string[] = [],
): string[] {
  const named = (principals: Principals | null | undefined) => (principals?.teams.length ?? 0) > 0;
  const logins = new Set<string>();
  if (
    ownerTeams.length > 0 ||
    Object.values(policy.tiers).some((requirements) => requirements.some((r) => named(r.from)))
  ) {
    for (const login of approvers(snapshot)) logins.add(login);
  }
  // Every account of the person: a policy alias may be the one in the team.
  const identities = new IdentityIndex(policy);
  const addPerson = (login: string) => {
    for (const account of identities.accountsOf(login)) logins.add(account);
  };
  if (named(policy.breakGlass?.allowed)) {
    for (const request of breakGlass) addPerson(request.author);
  }
  if (policy.exceptions.some((e) => named(e.allowed))) addPerson(author);
  return [...logins].sort();
}

/** Team slugs (`org/slug`) of each login in the repository owner's organization; none for a user-owned repository. */
export async function reviewerTeams(
  octokit: GitHubClient,
  org: string,
  ownerIsOrganization: boolean,
  logins: string[],
): Promise<Record<string, string[]>> {
  const teams: Record<string, string[]> = {};
  if (!ownerIsOrganization) return teams;
  for (let start = 0; start < logins.length; start += LOGINS_PER_REQUEST) {
    const batch = logins.slice(start, start + LOGINS_PER_REQUEST);
    const variables: Record<string, unknown> = { org };
    batch.forEach((login, i) => {
      variables[`u${i}`] = login;
    });
    const response = await octokit.graphql<{ organization: Record<string, { nodes: { slug: string }[] }> | null }>(
      teamsQuery(batch.length),
      variables,
    );
    batch.forEach((login, i) => {
      teams[login] = (response.organization?.[`t${i}`]?.nodes ?? []).map((team) => `${org}/${team.slug}`);
    });
  }
  return teams;
}

/** Teams per members query: each answers up to 100 members. */
const TEAMS_PER_REQUEST = 20;

/**
 * The teams (`org/slug`) that may own findings whose approval the policy asks for: named by its
 * rules' owners, catalog.owners and the base's CODEOWNERS, in the repository's organization.
 * Empty when no tier asks for owner approval.
 */
export function ownerTeams(policy: PolicyInForce, org: string): string[] {
  const { policy: rules, codeowners } = policy;
  if (!Object.values(rules.tiers).some((requirements) => requirements.some((r) => r.ownerApproval))) return [];
  const teams = [
    ...rules.rules.flatMap((rule) => rule.owner?.teams ?? []),
    ...rules.ownership.catalog.flatMap((entry) => entry.owner.teams),
    ...(rules.ownership.fromCodeowners && codeowners
      ? codeowners.entries.flatMap((e) => e.owners.filter((o) => ownerKind(o) === 'team').map((o) => o.slice(1)))
      : []),
  ].map((team) => (team.includes('/') ? team : `${org}/${team}`));
  const ours = teams.filter((team) => team.split('/')[0]!.toLowerCase() === org.toLowerCase());
  return [...new Set(ours.map((team) => team.toLowerCase()))].sort();
}

/**
 * The members of each team (`org/slug`), so the decision can say when every member of an owning
 * team is excluded. A team with more members than one page lists, or none GitHub knows, is left
 * out: the decision then claims nothing about it.
 */
export async function teamMembers(
  octokit: GitHubClient,
  org: string,
  ownerIsOrganization: boolean,
  teams: string[],
): Promise<Record<string, string[]>> {
  const members: Record<string, string[]> = {};
  if (!ownerIsOrganization) return members;
  for (let start = 0; start < teams.length; start += TEAMS_PER_REQUEST) {
    const batch = teams.slice(start, start + TEAMS_PER_REQUEST);
    const variables: Record<string, unknown> = { org };
    batch.forEach((team, i) => {
      variables[`s${i}`] = team.slice(team.indexOf('/') + 1);
    });
    type Members = { members: { totalCount: number; nodes: { login: string }[] } } | null;
    const response = await octokit.graphql<{ organization: Record<string, Members> | null }>(
      teamMembersQuery(batch.length),
      variables,
    );
    batch.forEach((team, i) => {
      const found = response.organization?.[`m${i}`];
      if (found && found.members.nodes.length === found.members.totalCount)
        members[team] = found.members.nodes.map((node) => node.login);
    });
  }
  return members;
}
