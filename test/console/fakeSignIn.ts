import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleSignIn, ConsoleViewer, ViewerOutcome } from '../../src/console/viewer.js';

const COOKIE = 'fake-session';

/**
 * A stand-in for the console's sign-in: the cookie names who you are, from a table of people
 * (viewers with their repositories, or people who are forbidden). `GET /four-eyes/sign-in?as=<who>`
 * sets it; `POST /four-eyes/sign-out` clears it. For the pages' own tests: the browser test signs
 * in for real, against test/support/fakeGitHubOAuth.ts.
 */
export class FakeSignIn implements ConsoleSignIn {
  readonly handled: string[] = [];

  constructor(private readonly people: Record<string, ViewerOutcome>) {}

  static viewer(login: string, repositories: string[]): ViewerOutcome {
    return { kind: 'viewer', viewer: { login, repositories: new Set(repositories), csrfToken: `csrf-of-${login}` } };
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    if (request.method === 'GET' && url.pathname === '/four-eyes/sign-in') {
      this.handled.push('sign-in');
      const who = url.searchParams.get('as') ?? 'auditor';
      response.writeHead(303, {
        location: '/four-eyes/decisions',
        'set-cookie': `${COOKIE}=${who}; Path=/four-eyes; HttpOnly; SameSite=Lax`,
      });
      response.end();
      return true;
    }
    if (request.method === 'POST' && url.pathname === '/four-eyes/sign-out') {
      this.handled.push('sign-out');
      response.writeHead(303, {
        location: '/four-eyes/sign-in',
        'set-cookie': `${COOKIE}=; Path=/four-eyes; Max-Age=0`,
      });
      response.end();
      return true;
    }
    return false;
  }

  async viewerOf(request: IncomingMessage): Promise<ViewerOutcome> {
    const cookie = (request.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
    const who = cookie?.slice(COOKIE.length + 1);
    return (who && this.people[who]) || { kind: 'anonymous' };
  }

  acceptsCsrf(viewer: ConsoleViewer, token: string | undefined): boolean {
    return token === viewer.csrfToken;
  }
}

/** The request header that signs in as `who`. */
export function signedInAs(who: string): Record<string, string> {
  return { cookie: `${COOKIE}=${who}` };
}
