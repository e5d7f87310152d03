import type { Policy, Principals } from '../model/policy.js';
import type { BreakGlassRequest } from '../policy/facts.js';
import { IdentityIndex } from '../policy/identities.js';
import type { GitHubClient } from './octokit.js';
import { approvers, type PullRequestSnapshot } from './pullRequestFacts.js';
import { teamsQuery } from './queries.js';

/** Logins per team query: aliases keep one request for all the reviewers that matter. */
const LOGINS_PER_REQUEST = 50;

/**
 * Whose team memberships the decision needs: approvers when a requirement names teams, break-glass
 * requesters when break-glass allows a team, the author when an exception does. Nobody else's.
 */
export function loginsNeedingTeams(
  policy: Policy,
  snapshot: PullRequestSnapshot,
  breakGlass: BreakGlassRequest[],
  author: string,
): string[] {
  const named = (principals: Principals | null | undefined) => (principals?.teams.length ?? 0) > 0;
  const logins = new Set<string>();
  if (Object.values(policy.tiers).some((requirements) => requirements.some((r) => named(r.from)))) {
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
