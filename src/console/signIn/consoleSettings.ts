/** The auditors' console's sign-in: GitHub's user authorization for the app, and who may look. */
export interface ConsoleSettings {
  /** the GitHub App's client ID and client secret (FOUR_EYES_CONSOLE_CLIENT_ID, _CLIENT_SECRET) */
  clientId: string;
  clientSecret: string;
  /** signs the console's cookies (FOUR_EYES_SESSION_SECRET, at least 32 characters) */
  sessionSecret: string;
  /** where browsers reach this app (FOUR_EYES_CONSOLE_URL), without a trailing slash: the OAuth callback is under it */
  publicUrl: string;
  /** GitHub's web address, where users authorize the app: https://github.com, or the GHES host (FOUR_EYES_GITHUB_URL overrides) */
  webUrl: string;
  /** GitHub's REST API: the app's baseUrl */
  apiUrl: string;
  /** the teams whose members may look (FOUR_EYES_AUDITORS, "org/team-slug", lower-case); organization owners may too */
  auditors: readonly { org: string; team: string }[];
}
