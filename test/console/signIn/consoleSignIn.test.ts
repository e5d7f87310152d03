import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_PATH, CSRF_FIELD, SIGN_IN_PATH, SIGN_OUT_PATH } from '../../../src/console/signIn/consoleSignIn.js';
import { cookiePair, SignInHarness, setCookieHeader } from './harness.js';

const EIGHT_HOURS = 8 * 3600_000;

let harness: SignInHarness;

beforeAll(async () => {
  harness = await SignInHarness.start(
    {
      users: [
        { login: 'Alice', teams: ['acme/auditors'], canRead: ['acme/infra', 'acme/network'] },
        { login: 'olga', orgRoles: { acme: 'admin' }, canRead: ['acme/infra', 'acme/network', 'acme/secrets'] },
        { login: 'dev', orgRoles: { acme: 'member' }, canRead: ['acme/infra'] },
      ],
      installations: [{ id: 7, account: 'acme', repositories: ['Acme/Infra', 'acme/network', 'acme/secrets'] }],
    },
    [{ org: 'acme', team: 'auditors' }],
  );
});

afterAll(async () => {
  // Nothing secret in any answer or logged line: not the user's token, the code, or the app's secrets.
  expect(harness.leaks()).toEqual([]);
  expect(harness.fake.tokensIssued.length).toBeGreaterThan(3);
  await harness.close();
});

describe('the sign-in', () => {
  it("sends the browser to GitHub's authorization with the app's client id, the callback and a fresh state bound to a short-lived cookie", async () => {
    const first = await harness.request('/four-eyes/sign-in');
    const second = await harness.request('/four-eyes/sign-in');
    expect(first.status).toBe(302);
    const location = new URL(first.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${harness.fake.webUrl}/login/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe('Iv1.console');
    expect(location.searchParams.get('redirect_uri')).toBe(`${harness.url}/four-eyes/oauth/callback`);
    expect([SIGN_IN_PATH, CALLBACK_PATH, SIGN_OUT_PATH]).toEqual([
      '/four-eyes/sign-in',
      '/four-eyes/oauth/callback',
      '/four-eyes/sign-out',
    ]);
    const state = location.searchParams.get('state')!;
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(new URL(second.headers.get('location')!).searchParams.get('state')).not.toBe(state);
    expect(setCookieHeader(first, 'four_eyes_sign_in')).toMatch(
      /^four_eyes_sign_in=[\w-]+\.[\w-]+; Max-Age=600; Path=\/four-eyes; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in an auditor: a session cookie, then a viewer with the repositories they can read, lower-case', async () => {
    const { callback, cookie } = await harness.signInAs('Alice');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/four-eyes/');
    expect(setCookieHeader(callback, 'four_eyes_session')).toMatch(
      /^four_eyes_session=[\w-]+\.[\w-]+; Max-Age=28800; Path=\/four-eyes; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(setCookieHeader(callback, 'four_eyes_sign_in')).toBe(
      'four_eyes_sign_in=; Max-Age=0; Path=/four-eyes; HttpOnly; Secure; SameSite=Lax',
    );
    expect(await harness.outcome(cookie)).toEqual({
      kind: 'viewer',
      viewer: {
        login: 'Alice',
        repositories: ['acme/infra', 'acme/network'],
        csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      },
    });
    expect(harness.logLines).toContain(
      'four-eyes console: Alice signed in (member of acme/auditors); sees 2 repositories',
    );
    // The token is asked for with JSON, and used against the API (GHES-shaped: /api/v3) only.
    const withToken = harness.fake.requests.filter((request) => request.authorization !== undefined);
    expect(withToken.every((request) => request.url.startsWith('/api/v3/'))).toBe(true);
  });

  it("signs in an organization's owner, who sees every repository of the installation they can read", async () => {
    const { cookie } = await harness.signInAs('olga');
    expect(await harness.outcome(cookie)).toMatchObject({
      kind: 'viewer',
      viewer: { login: 'olga', repositories: ['acme/infra', 'acme/network', 'acme/secrets'] },
    });
  });

  it('signs in anyone else as forbidden, with a reason they can act on', async () => {
    const { callback, cookie } = await harness.signInAs('dev');
    expect(callback.status).toBe(302);
    expect(await harness.outcome(cookie)).toEqual({
      kind: 'forbidden',
      login: 'dev',
      reason:
        'dev is not a member of acme/auditors, nor an owner of acme. Ask an owner to add dev to acme/auditors, then sign in again.',
    });
  });

  it('refuses a callback whose state is missing, wrong, from another browser or too old: 400, and GitHub is not asked', async () => {
    harness.fake.signInAs('Alice');
    const start = await harness.request('/four-eyes/sign-in');
    const cookie = cookiePair(start, 'four_eyes_sign_in')!;
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const other = cookiePair(await harness.request('/four-eyes/sign-in'), 'four_eyes_sign_in')!;
    const asked = harness.fake.requests.length;
    const cases: [string, string | undefined][] = [
      [`code=abc`, cookie],
      [`code=abc&state=${state}x`, cookie],
      [`code=abc&state=${state}`, undefined],
      [`code=abc&state=${state}`, other],
      [`code=abc&state=${state}`, `${cookie}x`],
    ];
    for (const [query, sent] of cases) {
      const response = await harness.request(
        `/four-eyes/oauth/callback?${query}`,
        sent ? { headers: { cookie: sent } } : {},
      );
      expect(response.status, query).toBe(400);
      expect(await response.text()).toContain('Sign in again.');
      expect(cookiePair(response, 'four_eyes_session')).toBeUndefined();
    }
    harness.now += 11 * 60_000;
    const late = await harness.request(`/four-eyes/oauth/callback?code=abc&state=${state}`, { headers: { cookie } });
    harness.now -= 11 * 60_000;
    expect(late.status).toBe(400);
    expect(harness.fake.requests.length).toBe(asked);
  });

  it('answers 400 when GitHub sent the user back with an error or no code', async () => {
    const start = await harness.request('/four-eyes/sign-in');
    const headers = { cookie: cookiePair(start, 'four_eyes_sign_in')! };
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const denied = await harness.request(`/four-eyes/oauth/callback?error=access_denied&state=${state}`, { headers });
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('GitHub did not sign you in (access_denied).');
    const noCode = await harness.request(`/four-eyes/oauth/callback?state=${state}`, { headers });
    expect(noCode.status).toBe(400);
  });

  it.each([
    ['the code exchange fails', 'token', 500, 'exchanging the sign-in code for a token: GitHub answered 500'],
    [
      'GitHub refuses the code',
      'token',
      'refuse',
      'exchanging the sign-in code for a token: GitHub refused it (bad_verification_code)',
    ],
    [
      'GitHub does not answer',
      'token',
      'hang',
      'exchanging the sign-in code for a token: GitHub did not answer within 0.5 s',
    ],
    ['the user cannot be read', 'user', 502, 'reading the signed-in user: GitHub answered 502'],
    [
      'the installations cannot be listed',
      'installations',
      500,
      'listing your installations of the app: GitHub answered 500',
    ],
    [
      'the repositories cannot be listed',
      'repositories',
      500,
      'listing the repositories you can read in installation 7: GitHub answered 500',
    ],
    [
      'team membership is not readable',
      'team',
      403,
      'reading your membership of acme/auditors (the app needs the organization permission Members: read): GitHub answered 403',
    ],
  ] as const)(
    'answers 502 saying what failed when %s, and makes no session',
    async (_name, endpoint, failure, message) => {
      const slow = await SignInHarness.start(
        {
          users: [{ login: 'Alice', teams: ['acme/auditors'], canRead: ['acme/infra'] }],
          installations: [{ id: 7, account: 'acme', repositories: ['acme/infra'] }],
        },
        [{ org: 'acme', team: 'auditors' }],
        { timeoutMs: 500 },
      );
      try {
        slow.fake.failures.set(endpoint, failure);
        const { callback, cookie } = await slow.signInAs('Alice');
        expect(callback.status).toBe(502);
        expect(cookie).toBeUndefined();
        expect(await callback.text()).toContain(`Signing in failed when ${message}.`);
        expect(slow.logLines).toEqual([`four-eyes console: a sign-in failed when ${message}`]);
        expect(slow.leaks()).toEqual([]);
      } finally {
        await slow.close();
      }
    },
  );
});

describe('sessions', () => {
  it('reads a forged, tampered, re-signed, mislabelled or expired cookie, or one from before a restart, as nobody signed in', async () => {
    const { cookie } = await harness.signInAs('Alice');
    const [name, value] = cookie!.split('=') as [string, string];
    const [payload, signature] = value.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const retold = (change: object) => Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
    const signInCookie = cookiePair(await harness.request('/four-eyes/sign-in'), 'four_eyes_sign_in')!;
    const forged = [
      `${name}=forged`,
      `${name}=${payload}.${'A'.repeat(43)}`,
      `${name}=${retold({ exp: claims.exp + EIGHT_HOURS })}.${signature}`,
      `${name}=${retold({ sid: 'another' })}.${signature}`,
      `${name}=${payload}.${signature}.extra`,
      `${name}=${signInCookie.split('=')[1]}`,
    ];
    for (const sent of forged) expect(await harness.outcome(sent), sent).toEqual({ kind: 'anonymous' });
    expect(await harness.outcome(undefined)).toEqual({ kind: 'anonymous' });
    expect(await harness.outcome(cookie)).toMatchObject({ kind: 'viewer' });
    harness.now += EIGHT_HOURS;
    expect(await harness.outcome(cookie)).toEqual({ kind: 'anonymous' });
    harness.now -= EIGHT_HOURS;

    const restarted = await SignInHarness.start({ users: [], installations: [] }, []);
    try {
      restarted.now = harness.now;
      expect(await restarted.outcome(cookie)).toEqual({ kind: 'anonymous' });
    } finally {
      await restarted.close();
    }
  });

  it('ends the previous session of a browser that signs in again', async () => {
    const first = await harness.signInAs('Alice');
    harness.fake.signInAs('olga');
    const start = await harness.request('/four-eyes/sign-in', { headers: { cookie: first.cookie! } });
    const approved = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const both = `${first.cookie}; ${cookiePair(start, 'four_eyes_sign_in')}`;
    const callback = await harness.request(approved.headers.get('location')!, { headers: { cookie: both } });
    expect(await harness.outcome(cookiePair(callback, 'four_eyes_session'))).toMatchObject({
      viewer: { login: 'olga' },
    });
    expect(await harness.outcome(first.cookie)).toEqual({ kind: 'anonymous' });
  });

  it('signs out on a POST with the CSRF token only; GET is 405', async () => {
    const { cookie } = await harness.signInAs('Alice');
    const outcome = await harness.viewerOf(cookie!);
    if (outcome.kind !== 'viewer') throw new Error('Alice should be a viewer');
    const { viewer } = outcome;
    expect(harness.signIn.acceptsCsrf(viewer, viewer.csrfToken)).toBe(true);
    expect(harness.signIn.acceptsCsrf(viewer, undefined)).toBe(false);
    expect(harness.signIn.acceptsCsrf(viewer, `${viewer.csrfToken.slice(1)}A`)).toBe(false);
    expect(harness.signIn.acceptsCsrf({ ...viewer }, viewer.csrfToken)).toBe(false);

    const get = await harness.request('/four-eyes/sign-out', { headers: { cookie: cookie! } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const form = (body: string) => ({
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    for (const body of ['', 'csrf=', `csrf=${viewer.csrfToken}x`]) {
      const refused = await harness.request('/four-eyes/sign-out', form(body));
      expect(refused.status, body).toBe(403);
      expect(await harness.outcome(cookie)).toMatchObject({ kind: 'viewer' });
    }
    const signedOut = await harness.request(
      '/four-eyes/sign-out',
      form(`${CSRF_FIELD}=${encodeURIComponent(viewer.csrfToken)}`),
    );
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/four-eyes/');
    expect(setCookieHeader(signedOut, 'four_eyes_session')).toBe(
      'four_eyes_session=; Max-Age=0; Path=/four-eyes; HttpOnly; Secure; SameSite=Lax',
    );
    // The cookie, replayed after sign-out, is nobody's.
    expect(await harness.outcome(cookie)).toEqual({ kind: 'anonymous' });
    expect(harness.signIn.acceptsCsrf(viewer, viewer.csrfToken)).toBe(false);
    expect(harness.logLines).toContain('four-eyes console: Alice signed out');
  });

  it('answers its own routes only, and only with their methods', async () => {
    expect((await harness.request('/four-eyes/sign-in', { method: 'POST' })).status).toBe(405);
    expect((await harness.request('/four-eyes/oauth/callback', { method: 'POST' })).status).toBe(405);
    expect((await harness.request('/four-eyes/oauth/callback', { method: 'HEAD' })).status).toBe(405);
    // Anything else is left to the console's pages (here, the harness's JSON).
    expect((await harness.request('/four-eyes/decisions')).headers.get('content-type')).toBe('application/json');
  });
});
