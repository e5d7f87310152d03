import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleSignIn, ConsoleViewer, ViewerOutcome } from '../viewer.js';
import { type Access, decideAccess } from './access.js';
import type { ConsoleSettings } from './consoleSettings.js';
import { CONSOLE_PATH, clearCookie, cookieOf, setCookie } from './cookies.js';
import {
  exchangeCode,
  type FetchLike,
  type GitHubEndpoints,
  GitHubSignInError,
  GitHubUserApi,
} from './gitHubUserApi.js';
import { randomToken, type Session, SessionTable } from './sessions.js';
import { SignedValues, sameText } from './signedValue.js';
import { answerPage, redirect } from './signInPages.js';

export const SIGN_IN_PATH = `${CONSOLE_PATH}/sign-in`;
export const CALLBACK_PATH = `${CONSOLE_PATH}/oauth/callback`;
export const SIGN_OUT_PATH = `${CONSOLE_PATH}/sign-out`;
/** the form field of the sign-out form (and any other POST form of the console) holding the viewer's CSRF token */
export const CSRF_FIELD = 'csrf';

const SESSION_COOKIE = 'four_eyes_session';
/** binds GitHub's answer to the browser that asked: the state, for the few minutes a sign-in takes */
const SIGN_IN_COOKIE = 'four_eyes_sign_in';
const SIGN_IN_MS = 10 * 60_000;
const MAX_FORM_BYTES = 8 * 1024;

/** What the app logs when the console's settings are not set. */
export const CONSOLE_OFF =
  "four-eyes: the auditors' console is off; to turn it on, set FOUR_EYES_CONSOLE_CLIENT_ID and FOUR_EYES_CONSOLE_CLIENT_SECRET (the GitHub App's client ID and a client secret), FOUR_EYES_SESSION_SECRET and FOUR_EYES_CONSOLE_URL (docs/deployment.md, The auditors' console)";

/** Where the sign-in says who signed in and what failed; never a token, code or secret. */
interface SignInLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ConsoleSignInOptions {
  /** milliseconds since the epoch (tests move it) */
  now?: () => number;
  log?: SignInLog;
  /** how long each request to GitHub may take (default 10 s) */
  timeoutMs?: number;
  /** how long a session lasts (default 8 hours) */
  sessionMs?: number;
  /** how much the sessions may hold, each weighing 1 + its repositories (default 1,000,000; the least recently used are forgotten) */
  capacity?: number;
}

/**
 * The console's sign-in: GitHub's user authorization for the app (web flow), then a session.
 * GitHub decides who the user is and what they can read; FOUR_EYES_AUDITORS and organization
 * ownership decide whether they may look (access.ts). The user's token serves the sign-in only
 * and is dropped once the session is made.
 */
export function consoleSignIn(
  settings: ConsoleSettings,
  fetchLike: FetchLike = fetch,
  options: ConsoleSignInOptions = {},
): ConsoleSignIn {
  return new GitHubSignIn(settings, fetchLike, options);
}

class GitHubSignIn implements ConsoleSignIn {
  readonly #values: SignedValues;
  readonly #sessions: SessionTable;
  readonly #viewers = new WeakMap<ConsoleViewer, string>();
  readonly #endpoints: GitHubEndpoints;
  readonly #now: () => number;
  readonly #log: SignInLog;
  readonly #sessionMs: number;

  constructor(
    private readonly settings: ConsoleSettings,
    fetchLike: FetchLike,
    options: ConsoleSignInOptions,
  ) {
    this.#values = new SignedValues(settings.sessionSecret);
    this.#sessions = new SessionTable(options.capacity ?? 1_000_000);
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.#endpoints = { webUrl: settings.webUrl, apiUrl: settings.apiUrl, fetch: fetchLike, timeoutMs };
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? { info: () => {}, warn: () => {} };
    this.#sessionMs = options.sessionMs ?? 8 * 3600_000;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = (request.url ?? '/').split('?')[0];
    const method = request.method ?? 'GET';
    const gets = method === 'GET' || method === 'HEAD';
    if (path === SIGN_IN_PATH) gets ? this.#startSignIn(response) : notAllowed(response, 'GET');
    // GET only: a HEAD (a link prefetcher's) must not spend the code.
    else if (path === CALLBACK_PATH)
      method === 'GET' ? await this.#callback(request, response) : notAllowed(response, 'GET');
    else if (path === SIGN_OUT_PATH)
      method === 'POST' ? await this.#signOut(request, response) : notAllowed(response, 'POST');
    else return false;
    return true;
  }

  async viewerOf(request: IncomingMessage): Promise<ViewerOutcome> {
    const session = this.#sessionOf(request);
    if (session === undefined) return { kind: 'anonymous' };
    const { access } = session;
    if (access.kind === 'forbidden') return { kind: 'forbidden', login: access.login, reason: access.reason };
    const viewer: ConsoleViewer = {
      login: access.login,
      repositories: access.repositories,
      csrfToken: session.csrfToken,
    };
    this.#viewers.set(viewer, session.id);
    return { kind: 'viewer', viewer };
  }

  acceptsCsrf(viewer: ConsoleViewer, token: string | undefined): boolean {
    const id = this.#viewers.get(viewer);
    const session = id === undefined ? undefined : this.#sessions.find(id, this.#now());
    return session !== undefined && token !== undefined && sameText(session.csrfToken, token);
  }

  #startSignIn(response: ServerResponse): void {
    const state = randomToken();
    const cookie = this.#values.sign(SIGN_IN_COOKIE, { state }, this.#now() + SIGN_IN_MS);
    const query = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: this.#callbackUrl(),
      state,
      allow_signup: 'false',
    });
    redirect(response, 302, `${this.settings.webUrl}/login/oauth/authorize?${query}`, [
      setCookie(SIGN_IN_COOKIE, cookie, SIGN_IN_MS / 1000),
    ]);
  }

  async #callback(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const query = new URL(request.url ?? '/', 'http://callback').searchParams;
    const started = this.#values.verify(SIGN_IN_COOKIE, cookieOf(request, SIGN_IN_COOKIE), this.#now());
    const forget = { 'set-cookie': clearCookie(SIGN_IN_COOKIE) };
    const refused = query.get('error');
    if (refused !== null)
      return answerPage(
        response,
        400,
        'Not signed in',
        `GitHub did not sign you in (${refused.slice(0, 60)}).`,
        forget,
      );
    const state = query.get('state');
    if (state === null || typeof started?.state !== 'string' || !sameText(state, started.state))
      return answerPage(
        response,
        400,
        'Sign-in not recognised',
        "This sign-in was not started from this browser, or took more than 10 minutes, or this browser does not keep the console's cookies. Sign in again.",
        forget,
      );
    const code = query.get('code');
    if (code === null || code === '')
      return answerPage(response, 400, 'Sign-in incomplete', 'GitHub sent no code back. Sign in again.', forget);
    let access: Access;
    try {
      access = await this.#accessFor(code);
    } catch (error) {
      this.#log.warn(`four-eyes console: a sign-in failed when ${(error as Error).message}`);
      const what =
        error instanceof GitHubSignInError
          ? error.message
          : "checking the user (an unexpected error: see the app's log)";
      return answerPage(
        response,
        502,
        'Signing in failed',
        `Signing in failed when ${what}. Try again; if it keeps failing, tell the app's operators.`,
        forget,
      );
    }
    this.#log.info(`four-eyes console: ${describe(access)}`);
    const previous = this.#sessionOf(request);
    if (previous !== undefined) this.#sessions.close(previous.id);
    const session = this.#sessions.open(access, this.#now() + this.#sessionMs);
    const cookie = this.#values.sign(SESSION_COOKIE, { sid: session.id }, session.expiresAt);
    redirect(response, 302, `${CONSOLE_PATH}/`, [
      setCookie(SESSION_COOKIE, cookie, Math.floor(this.#sessionMs / 1000)),
      forget['set-cookie'],
    ]);
  }

  /** the token is used here and nowhere else: it is not kept */
  async #accessFor(code: string): Promise<Access> {
    const { clientId, clientSecret } = this.settings;
    const token = await exchangeCode(
      this.#endpoints,
      { clientId, clientSecret, redirectUri: this.#callbackUrl() },
      code,
    );
    return decideAccess(new GitHubUserApi(this.#endpoints, token), this.settings.auditors);
  }

  async #signOut(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request);
    if (form === null)
      return answerPage(response, 413, 'Form too large', 'The sign-out form is larger than it can be.');
    const session = this.#sessionOf(request);
    if (session !== undefined) {
      const token = form.get(CSRF_FIELD);
      if (token === null || !sameText(session.csrfToken, token))
        return answerPage(
          response,
          403,
          'Not signed out',
          'The sign-out did not come from a page of this console (its form token is missing or stale). Reload the console and sign out again.',
        );
      this.#sessions.close(session.id);
      this.#log.info(`four-eyes console: ${session.access.login} signed out`);
    }
    redirect(response, 303, `${CONSOLE_PATH}/`, [clearCookie(SESSION_COOKIE)]);
  }

  #sessionOf(request: IncomingMessage): Session | undefined {
    const now = this.#now();
    const value = this.#values.verify(SESSION_COOKIE, cookieOf(request, SESSION_COOKIE), now);
    return typeof value?.sid === 'string' ? this.#sessions.find(value.sid, now) : undefined;
  }

  #callbackUrl(): string {
    return `${this.settings.publicUrl}${CALLBACK_PATH}`;
  }
}

function describe(access: Access): string {
  if (access.kind === 'forbidden') return `${access.login} signed in but may not look: ${access.reason}`;
  return `${access.login} signed in (${access.grounds.join('; ')}); sees ${access.repositories.size} repositories`;
}

function notAllowed(response: ServerResponse, allowed: string): void {
  answerPage(response, 405, 'Method not allowed', `This address answers ${allowed} only.`, { allow: allowed });
}

/** a urlencoded form, or null past MAX_FORM_BYTES */
async function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
