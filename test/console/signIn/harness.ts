import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleSettings } from '../../../src/console/signIn/consoleSettings.js';
import { type ConsoleSignInOptions, consoleSignIn } from '../../../src/console/signIn/consoleSignIn.js';
import type { ConsoleSignIn } from '../../../src/console/viewer.js';
import { FakeGitHubOAuth, type FakeGitHubOptions } from '../../support/fakeGitHubOAuth.js';

const CLIENT_SECRET = 'client-secret-0123456789abcdef';
const SESSION_SECRET = 'session-secret-that-is-long-enough-0123456789';

/**
 * The sign-in served over HTTP as the app serves it, against the GitHub stand-in; /four-eyes/
 * answers with what `viewerOf` says, as JSON, in place of the console's pages.
 */
export class SignInHarness {
  /** every body and header the sign-in answered with */
  readonly answers: string[] = [];
  now = Date.parse('2026-11-26T12:00:00Z');

  private constructor(
    readonly fake: FakeGitHubOAuth,
    readonly signIn: ConsoleSignIn,
    readonly settings: ConsoleSettings,
    private readonly server: Server,
    readonly url: string,
    /** every line the sign-in logged */
    readonly logLines: string[],
  ) {}

  static async start(
    github: Omit<FakeGitHubOptions, 'clientId' | 'clientSecret'>,
    auditors: ConsoleSettings['auditors'],
    options: ConsoleSignInOptions = {},
  ): Promise<SignInHarness> {
    const fake = await FakeGitHubOAuth.start({ clientId: 'Iv1.console', clientSecret: CLIENT_SECRET, ...github });
    let harness: SignInHarness | undefined;
    const server = createServer(async (request, response) => {
      if (await harness!.signIn.handle(request, response)) return;
      const outcome = await harness!.signIn.viewerOf(request);
      const body = JSON.stringify(outcome, (_key, value) => (value instanceof Set ? [...value].sort() : value));
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings: ConsoleSettings = {
      clientId: 'Iv1.console',
      clientSecret: CLIENT_SECRET,
      sessionSecret: SESSION_SECRET,
      publicUrl: url,
      webUrl: fake.webUrl,
      apiUrl: fake.apiUrl,
      auditors,
    };
    const lines: string[] = [];
    const signIn = consoleSignIn(settings, fetch, {
      now: () => harness!.now,
      log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
      ...options,
    });
    harness = new SignInHarness(fake, signIn, settings, server, url, lines);
    return harness;
  }

  /** a request to the app, redirects not followed; what it answered is kept for the leak checks */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(path.startsWith('http') ? path : `${this.url}${path}`, {
      ...init,
      redirect: 'manual',
    });
    const body = await response.clone().text();
    this.answers.push(body, JSON.stringify([...response.headers]));
    return response;
  }

  /**
   * A browser signing in as `login`: the sign-in's redirect, the stand-in's approval, the
   * callback with the sign-in cookie. Returns the callback's answer and the session cookie it set.
   */
  async signInAs(login: string): Promise<{ callback: Response; cookie: string | undefined }> {
    this.fake.signInAs(login);
    const start = await this.request('/four-eyes/sign-in');
    const signInCookie = cookiePair(start, 'four_eyes_sign_in');
    const approved = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = await this.request(approved.headers.get('location')!, { headers: { cookie: signInCookie ?? '' } });
    return { callback, cookie: cookiePair(callback, 'four_eyes_session') };
  }

  /** what viewerOf says for a request with this cookie header */
  async outcome(cookie: string | undefined): Promise<unknown> {
    const response = await this.request('/four-eyes/', cookie === undefined ? {} : { headers: { cookie } });
    return response.json();
  }

  /** the same, as the console's pages get it (the viewer object, for acceptsCsrf) */
  viewerOf(cookie: string) {
    return this.signIn.viewerOf({ headers: { cookie } } as IncomingMessage);
  }

  /**
   * The secrets found in what the sign-in answered or logged: the users' tokens, the codes, the
   * app's client secret and session secret. Should be none.
   */
  leaks(): string[] {
    const seen = [...this.answers, ...this.logLines].join('\n');
    const secrets = [...this.fake.tokensIssued, ...this.fake.codesIssued, CLIENT_SECRET, SESSION_SECRET];
    return secrets.filter((secret) => seen.includes(secret));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.fake.close();
  }
}

/** `name=value` of a Set-Cookie the response carries, with a value (a cleared cookie has none) */
export function cookiePair(response: Response, name: string): string | undefined {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  const pair = header?.split(';')[0];
  return pair === `${name}=` ? undefined : pair;
}

export function setCookieHeader(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}
