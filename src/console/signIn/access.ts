import type { GitHubUserApi, UserInstallation } from './gitHubUserApi.js';

/** What a signed-in user may see: the repositories, or why nothing. */
export type Access =
  | { kind: 'viewer'; login: string; repositories: ReadonlySet<string>; grounds: string[] }
  | { kind: 'forbidden'; login: string; reason: string };

type Team = { org: string; team: string };

/**
 * Who may look, per account the app is installed on: an organization's owners and the members of
 * its auditors teams (FOUR_EYES_AUDITORS names teams, and a team speaks for its own organization
 * only: globex/auditors opens none of acme's repositories), and a personal account's owner. Of those
 * accounts' repositories, a viewer gets only those they can read (GitHub lists them per user).
 */
export async function decideAccess(api: GitHubUserApi, auditors: readonly Team[]): Promise<Access> {
  const login = await api.login();
  const installations = await api.installations();
  const repositories = new Set<string>();
  const grounds: string[] = [];
  for (const installation of installations) {
    const ground = await groundFor(api, installation, login, auditors);
    if (ground === null) continue;
    grounds.push(ground);
    for (const repository of await api.repositories(installation.id)) repositories.add(repository);
  }
  if (grounds.length > 0) return { kind: 'viewer', login, repositories, grounds };
  return { kind: 'forbidden', login, reason: forbiddenReason(login, installations, auditors) };
}

/** why this user may look at this installation's repositories, or null */
async function groundFor(
  api: GitHubUserApi,
  installation: UserInstallation,
  login: string,
  auditors: readonly Team[],
): Promise<string | null> {
  const account = installation.account.toLowerCase();
  if (!installation.organization) return account === login.toLowerCase() ? `owner of ${account}` : null;
  for (const { org, team } of auditors)
    if (org === account && (await api.inTeam(org, team, login))) return `member of ${org}/${team}`;
  return (await api.ownsOrganization(installation.account)) ? `owner of ${account}` : null;
}

function forbiddenReason(login: string, installations: UserInstallation[], auditors: readonly Team[]): string {
  if (installations.length === 0)
    return `Four Eyes is installed on no repository ${login} can read, so there is nothing for ${login} to audit. Sign in with another GitHub account, or ask an organization owner for read access to the repositories to audit.`;
  const accounts = installations.map((installation) => installation.account.toLowerCase());
  const teams = auditors.filter(({ org }) => accounts.includes(org)).map(({ org, team }) => `${org}/${team}`);
  const member =
    teams.length > 0
      ? `a member of ${teams.join(' or ')}`
      : `a member of an auditors team there (FOUR_EYES_AUDITORS names none of ${accounts.join(', ')}'s teams; a team counts for its own organization only)`;
  return `${login} is not ${member}, nor an owner of ${accounts.join(', ')}. Ask an owner to add ${login} to ${teams[0] ?? "a team the app's operators list in FOUR_EYES_AUDITORS"}, then sign in again.`;
}
