/** What signing in asks GitHub, with a user's token: the sign-in's only contact with GitHub's API shapes. */

/** `fetch`, or a stand-in for it in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A request to GitHub that failed: says which one and how, never with a token or code in it. */
export class GitHubSignInError extends Error {}

export interface GitHubEndpoints {
  /** github.com, or the GHES host: where users authorize the app and codes are exchanged */
  webUrl: string;
  /** the REST API: https://api.github.com, or https://host/api/v3 */
  apiUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
}

/** An installation of the app the user can see: its account and whether that is an organization. */
export interface UserInstallation {
  id: number;
  account: string;
  organization: boolean;
}

/** GitHub answers 403 to these when the app lacks the permission; the message names it. */
const MEMBERS_HINT = ' (the app needs the organization permission Members: read)';

/** More pages than this (100 items each) is more than a console viewer's session should hold. */
const MAX_PAGES = 100;

/**
 * Exchanges the code GitHub handed the callback for a user's token (`POST /login/oauth/access_token`).
 * GitHub answers 200 with an `error` field when it refuses the code.
 */
export async function exchangeCode(
  endpoints: GitHubEndpoints,
  client: { clientId: string; clientSecret: string; redirectUri: string },
  code: string,
): Promise<string> {
  const body = new URLSearchParams({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
    redirect_uri: client.redirectUri,
  });
  const json = await requestJson(
    endpoints,
    'exchanging the sign-in code for a token',
    `${endpoints.webUrl}/login/oauth/access_token`,
    {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
  );
  const answer = json as { access_token?: unknown; error?: unknown };
  if (typeof answer.access_token === 'string' && answer.access_token !== '') return answer.access_token;
  const error = typeof answer.error === 'string' ? answer.error.replace(/[^\w-]/g, '').slice(0, 60) : 'no token';
  throw new GitHubSignInError(`exchanging the sign-in code for a token: GitHub refused it (${error})`);
}

/** A user's API calls, with their token. */
export class GitHubUserApi {
  constructor(
    private readonly endpoints: GitHubEndpoints,
    private readonly token: string,
  ) {}

  /** `GET /user`: the login, as GitHub spells it */
  async login(): Promise<string> {
    const user = (await this.#get('reading the signed-in user', '/user')) as { login?: unknown };
    if (typeof user.login !== 'string' || user.login === '')
      throw new GitHubSignInError('reading the signed-in user: GitHub answered without a login');
    return user.login;
  }

  /** `GET /user/installations`: the app's installations on accounts where the user can read something */
  async installations(): Promise<UserInstallation[]> {
    const items = await this.#pages('listing your installations of the app', '/user/installations', 'installations');
    return items.map((item) => {
      const { id, account } = item as { id?: unknown; account?: { login?: unknown; type?: unknown } };
      if (typeof id !== 'number' || typeof account?.login !== 'string')
        throw new GitHubSignInError('listing your installations of the app: one has no id or account');
      return { id, account: account.login, organization: account.type === 'Organization' };
    });
  }

  /** `GET /user/installations/{id}/repositories`: the installation's repositories this user can read, "owner/name" lower-case */
  async repositories(installationId: number): Promise<string[]> {
    const what = `listing the repositories you can read in installation ${installationId}`;
    const items = await this.#pages(what, `/user/installations/${installationId}/repositories`, 'repositories');
    return items.map((item) => {
      const { full_name } = item as { full_name?: unknown };
      if (typeof full_name !== 'string') throw new GitHubSignInError(`${what}: one has no name`);
      return full_name.toLowerCase();
    });
  }

  /** `GET /orgs/{org}/teams/{team}/memberships/{login}`: an active member (a pending invitation is not) */
  async inTeam(org: string, team: string, login: string): Promise<boolean> {
    const path = `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team)}/memberships/${encodeURIComponent(login)}`;
    const membership = await this.#getOrNotFound(`reading your membership of ${org}/${team}${MEMBERS_HINT}`, path);
    return (membership as { state?: unknown } | null)?.state === 'active';
  }

  /** `GET /user/memberships/orgs/{org}`: an active owner of the organization */
  async ownsOrganization(org: string): Promise<boolean> {
    const path = `/user/memberships/orgs/${encodeURIComponent(org)}`;
    const membership = (await this.#getOrNotFound(`reading your role in ${org}${MEMBERS_HINT}`, path)) as {
      state?: unknown;
      role?: unknown;
    } | null;
    return membership?.state === 'active' && membership.role === 'admin';
  }

  async #get(what: string, path: string): Promise<unknown> {
    return requestJson(this.endpoints, what, `${this.endpoints.apiUrl}${path}`, { headers: this.#headers() });
  }

  /** 404 is an answer here: not a member (or GitHub hides the team from this user) */
  async #getOrNotFound(what: string, path: string): Promise<unknown> {
    const response = await send(this.endpoints, what, `${this.endpoints.apiUrl}${path}`, { headers: this.#headers() });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    return readJson(response, what);
  }

  /** follows `Link: rel="next"`, on the API's own origin only: the token goes nowhere else */
  async #pages(what: string, path: string, field: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: string | null = `${this.endpoints.apiUrl}${path}?per_page=100`;
    for (let page = 0; url !== null; page++) {
      if (page === MAX_PAGES) throw new GitHubSignInError(`${what}: more than ${MAX_PAGES} pages`);
      const response = await send(this.endpoints, what, url, { headers: this.#headers() });
      const list = ((await readJson(response, what)) as Record<string, unknown>)[field];
      if (!Array.isArray(list)) throw new GitHubSignInError(`${what}: GitHub's answer has no ${field} list`);
      items.push(...list);
      url = nextPage(response.headers.get('link'), this.endpoints.apiUrl, what);
    }
    return items;
  }

  #headers(): Record<string, string> {
    return {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.token}`,
      'x-github-api-version': '2022-11-28',
    };
  }
}

function nextPage(link: string | null, apiUrl: string, what: string): string | null {
  const match = link ? /<([^>]+)>;\s*rel="next"/.exec(link) : null;
  if (!match) return null;
  const next = URL.parse(match[1]!);
  if (next === null || next.origin !== new URL(apiUrl).origin)
    throw new GitHubSignInError(`${what}: GitHub pointed the next page at another server`);
  return next.href;
}

async function requestJson(endpoints: GitHubEndpoints, what: string, url: string, init: RequestInit): Promise<unknown> {
  return readJson(await send(endpoints, what, url, init), what);
}

async function send(endpoints: GitHubEndpoints, what: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await endpoints.fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(endpoints.timeoutMs) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new GitHubSignInError(
      `${what}: ${timedOut ? `GitHub did not answer within ${endpoints.timeoutMs / 1000} s` : `GitHub could not be reached (${(error as Error).message})`}`,
    );
  }
}

async function readJson(response: Response, what: string): Promise<unknown> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new GitHubSignInError(`${what}: GitHub answered ${response.status}`);
  }
  try {
    return await response.json();
  } catch {
    throw new GitHubSignInError(`${what}: GitHub's answer is not JSON`);
  }
}
