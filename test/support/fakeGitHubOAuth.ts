import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for GitHub's user authorization of an app and the API calls a console sign-in
 * makes, shaped like GitHub Enterprise Server: the web flow at the root, the REST API under
 * /api/v3. Users, teams, organization roles, installations and repositories are configured; a
 * browser (or a test following redirects) signs in as whoever `signInAs` names.
 */
export interface FakeUser {
  login: string;
  /** "org/team-slug" of the teams the user is an active member of */
  teams?: string[];
  /** the user's role per organization ("admin": an owner) */
  orgRoles?: Record<string, 'admin' | 'member'>;
  /** "owner/name" of every repository the user can read */
  canRead?: string[];
}

export interface FakeInstallation {
  id: number;
  /** the account the app is installed on */
  account: string;
  type?: 'Organization' | 'User';
  /** "owner/name" of the repositories the installation covers */
  repositories: string[];
}

export interface FakeGitHubOptions {
  clientId: string;
  clientSecret: string;
  users: FakeUser[];
  installations: FakeInstallation[];
  /** items per page of the paginated lists (default 100, as GitHub's largest) */
  pageSize?: number;
  /** issues the app's installations can read, by "owner/name#number" (the console's follow-up issue states) */
  issues?: Record<string, 'open' | 'closed'>;
}

/** An endpoint to make fail: its status, or 'refuse' (the token endpoint's 200 with an `error`) or 'hang' (never answers). */
export type FakeFailure = number | 'refuse' | 'hang';
export type FakeEndpoint = 'token' | 'user' | 'installations' | 'repositories' | 'team' | 'org';

export interface FakeRequest {
  method: string;
  /** the path and query */
  url: string;
  authorization: string | undefined;
}

export class FakeGitHubOAuth {
  /** the web address (what FOUR_EYES_GITHUB_URL would be) */
  readonly webUrl: string;
  /** the REST API (GHES-shaped: `${webUrl}/api/v3`) */
  readonly apiUrl: string;
  /** every request received, in order */
  readonly requests: FakeRequest[] = [];
  /** the endpoints to make fail, and how */
  readonly failures = new Map<FakeEndpoint, FakeFailure>();
  /** every token issued (tests look for them where they must not be) */
  readonly tokensIssued: string[] = [];
  /** every code issued */
  readonly codesIssued: string[] = [];
  #signedIn: string | null = null;
  readonly #codes = new Map<string, { login: string; redirectUri: string }>();
  readonly #tokens = new Map<string, string>();
  readonly #installationTokens = new Set<string>();

  private constructor(
    private readonly server: Server,
    private readonly options: FakeGitHubOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.webUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.webUrl}/api/v3`;
  }

  static async start(options: FakeGitHubOptions): Promise<FakeGitHubOAuth> {
    let fake: FakeGitHubOAuth | undefined;
    const server = createServer((request, response) => fake!.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeGitHubOAuth(server, options);
    return fake;
  }

  /** who approves the next authorization: GitHub's "signed in as" (null: nobody, the authorize page answers 401) */
  signInAs(login: string | null): void {
    this.#signedIn = login;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', this.webUrl);
    this.requests.push({
      method: request.method ?? 'GET',
      url: url.pathname + url.search,
      authorization: request.headers.authorization,
    });
    if (url.pathname === '/login/oauth/authorize') return this.authorize(url, response);
    if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
      void readBody(request).then((body) => this.exchange(new URLSearchParams(body), request, response));
      return;
    }
    if (url.pathname.startsWith('/api/v3/')) return this.api(url, request, response);
    json(response, 404, { message: 'Not Found' });
  }

  /** approves at once, as a user who authorized the app before: back to the redirect URI with a code and the state */
  private authorize(url: URL, response: ServerResponse) {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    if (url.searchParams.get('client_id') !== this.options.clientId)
      return json(response, 404, { message: 'no such app' });
    if (this.#signedIn === null) return json(response, 401, { message: 'nobody is signed in to the stand-in' });
    const code = randomBytes(10).toString('hex');
    this.codesIssued.push(code);
    this.#codes.set(code, { login: this.#signedIn, redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { location: back.href }).end();
  }

  private exchange(form: URLSearchParams, request: IncomingMessage, response: ServerResponse) {
    const failure = this.failures.get('token');
    if (failure === 'hang') return;
    if (typeof failure === 'number') return json(response, failure, { message: 'failing on purpose' });
    const issued = this.#codes.get(form.get('code') ?? '');
    const clientOk =
      form.get('client_id') === this.options.clientId && form.get('client_secret') === this.options.clientSecret;
    if (failure === 'refuse' || issued === undefined || !clientOk || issued.redirectUri !== form.get('redirect_uri'))
      return json(response, 200, {
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
      });
    if (request.headers.accept !== 'application/json') return json(response, 406, { message: 'ask for JSON' });
    this.#codes.delete(form.get('code')!);
    const token = `ghu_${randomBytes(18).toString('hex')}`;
    this.tokensIssued.push(token);
    this.#tokens.set(token, issued.login);
    json(response, 200, { access_token: token, token_type: 'bearer', scope: '' });
  }

  private api(url: URL, request: IncomingMessage, response: ServerResponse) {
    const path = url.pathname.slice('/api/v3'.length);
    if (path.startsWith('/app/') || path.startsWith('/repos/')) return this.appApi(path, request, response);
    const login = this.#tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (login === undefined) return json(response, 401, { message: 'Bad credentials' });
    const user = this.options.users.find((candidate) => candidate.login === login)!;
    const route = routeOf(path);
    if (route === null) return json(response, 404, { message: 'Not Found' });
    const failure = this.failures.get(route.endpoint);
    if (failure === 'hang') return;
    if (typeof failure === 'number') return json(response, failure, { message: 'failing on purpose' });
    switch (route.endpoint) {
      case 'user':
        return json(response, 200, { login: user.login, id: 1 });
      case 'installations':
        return this.page(url, response, 'installations', this.visibleInstallations(user).map(installationJson));
      case 'repositories': {
        const installation = this.visibleInstallations(user).find((candidate) => candidate.id === route.id);
        if (installation === undefined) return json(response, 404, { message: 'Not Found' });
        const readable = installation.repositories.filter((name) => canRead(user, name));
        return this.page(
          url,
          response,
          'repositories',
          readable.map((full_name) => ({ full_name })),
        );
      }
      case 'team': {
        const member = route.user === user.login && (user.teams ?? []).includes(`${route.org}/${route.team}`);
        return member
          ? json(response, 200, { state: 'active', role: 'member' })
          : json(response, 404, { message: 'Not Found' });
      }
      case 'org': {
        const role = user.orgRoles?.[route.org];
        return role ? json(response, 200, { state: 'active', role }) : json(response, 404, { message: 'Not Found' });
      }
    }
  }

  /**
   * What the app itself asks, as the installation: a token for an installation (its JWT is taken
   * on trust: the stand-in is about users), then an issue's state with that token.
   */
  private appApi(path: string, request: IncomingMessage, response: ServerResponse) {
    const authorization = request.headers.authorization ?? '';
    const tokenFor = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (tokenFor && request.method === 'POST') {
      const known = this.options.installations.some((installation) => installation.id === Number(tokenFor[1]));
      if (!/^bearer \S+/i.test(authorization) || !known) return json(response, 404, { message: 'Not Found' });
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      this.#installationTokens.add(token);
      const expires_at = new Date(Date.now() + 3600_000).toISOString();
      return json(response, 201, { token, expires_at, permissions: { issues: 'read' }, repository_selection: 'all' });
    }
    const issue = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/.exec(path);
    if (!this.#installationTokens.has(authorization.replace(/^(token|bearer) /i, '')))
      return json(response, 401, { message: 'Bad credentials' });
    const state = issue ? this.options.issues?.[`${issue[1]}#${issue[2]}`] : undefined;
    if (!issue || state === undefined) return json(response, 404, { message: 'Not Found' });
    return json(response, 200, { number: Number(issue[2]), state });
  }

  /** GitHub lists the installations where the user can read a repository */
  private visibleInstallations(user: FakeUser): FakeInstallation[] {
    return this.options.installations.filter((installation) =>
      installation.repositories.some((name) => canRead(user, name)),
    );
  }

  private page(url: URL, response: ServerResponse, field: string, items: unknown[]): void {
    const size = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.options.pageSize ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * size < items.length) {
      const next = new URL(url.href);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    json(response, 200, { total_count: items.length, [field]: items.slice((page - 1) * size, page * size) }, headers);
  }
}

type Route =
  | { endpoint: 'user' | 'installations' }
  | { endpoint: 'repositories'; id: number }
  | { endpoint: 'team'; org: string; team: string; user: string }
  | { endpoint: 'org'; org: string };

function routeOf(path: string): Route | null {
  if (path === '/user') return { endpoint: 'user' };
  if (path === '/user/installations') return { endpoint: 'installations' };
  let match = /^\/user\/installations\/(\d+)\/repositories$/.exec(path);
  if (match) return { endpoint: 'repositories', id: Number(match[1]) };
  match = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
  if (match) return { endpoint: 'team', org: match[1]!, team: match[2]!, user: match[3]! };
  match = /^\/user\/memberships\/orgs\/([^/]+)$/.exec(path);
  if (match) return { endpoint: 'org', org: match[1]! };
  return null;
}

function canRead(user: FakeUser, repository: string): boolean {
  return (user.canRead ?? []).some((name) => name.toLowerCase() === repository.toLowerCase());
}

function installationJson(installation: FakeInstallation) {
  return { id: installation.id, account: { login: installation.account, type: installation.type ?? 'Organization' } };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
