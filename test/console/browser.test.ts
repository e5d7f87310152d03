import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { Probot, Server } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSettings } from '../../src/console/signIn/consoleSettings.js';
import { fourEyes } from '../../src/index.js';
import { appPrivateKey } from '../github/support/appKey.js';
import { freshPgliteAudit } from '../support/auditDatabase.js';
import { FakeGitHubOAuth } from '../support/fakeGitHubOAuth.js';
import { freePort } from '../support/freePort.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { SHA_7, seedConsole } from './seed.js';

/**
 * Chromium's headless shell (Debian's chromium-headless-shell, what Playwright runs headless by
 * default): the same Blink without the browser's own layers; this file took about 2.5 s less CPU
 * with it than with the full browser (`chromium --headless`), for the same tests.
 */
const CHROMIUM = '/usr/bin/chromium-headless-shell';
/**
 * FOUR_EYES_SCREENSHOTS=docs refreshes the screenshots docs/auditing.md shows (docs/images/).
 * Otherwise none is taken: encoding eight full pages as PNG took a quarter of this file's time,
 * for images nobody reads (and a page's rendering differs by a pixel between runs).
 */
const REFRESH_SCREENSHOTS = process.env.FOUR_EYES_SCREENSHOTS === 'docs';
const IMAGES = new URL('../../docs/images/', import.meta.url).pathname;
const NOW = new Date('2026-11-26T12:00:00Z');

let github: FakeGitHubOAuth;
let server: Server;
let url: string;
let context: BrowserContext;
let page: Page;
let profile: string;

/**
 * The app as `npm start` serves it — Probot's server, the console built from its sign-in
 * settings — signing in against a stand-in for GitHub: the auditor of acme reads acme/infra and
 * acme/network, not other/secret; the outsider reads acme/infra but is in no auditors' team.
 */
async function serveApp(): Promise<void> {
  github = await FakeGitHubOAuth.start({
    clientId: 'Iv1.console',
    clientSecret: 'console-client-secret',
    users: [
      { login: 'auditor', teams: ['acme/auditors'], canRead: ['acme/infra', 'acme/network'] },
      { login: 'outsider', canRead: ['acme/infra'] },
    ],
    installations: [
      { id: 31, account: 'acme', repositories: ['acme/infra', 'acme/network'] },
      { id: 32, account: 'other', repositories: ['other/secret'] },
    ],
    issues: { 'acme/network#41': 'open' },
  });
  github.signInAs('auditor');
  const audit = await freshPgliteAudit();
  await seedConsole(audit);
  // The console's public address (its OAuth callback) must be known before the server starts.
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const settings: ConsoleSettings = {
    clientId: 'Iv1.console',
    clientSecret: 'console-client-secret',
    sessionSecret: 'a session secret of at least thirty-two characters',
    publicUrl: url,
    webUrl: github.webUrl,
    apiUrl: github.apiUrl,
    auditors: [{ org: 'acme', team: 'auditors' }],
  };
  const log = pino({ level: 'silent' });
  server = new Server({
    host: '127.0.0.1',
    port,
    log,
    Probot: Probot.defaults({
      appId: 123,
      privateKey: appPrivateKey(),
      secret: 'test-secret',
      baseUrl: github.apiUrl,
      log,
    }),
  });
  await server.load(
    fourEyes({
      appId: 123,
      audit,
      now: () => NOW,
      recovery: { timers: false },
      sweep: { intervalMs: 0, atStart: false },
      consoleSignIn: settings,
    }),
  );
  await server.start();
}

/**
 * Chromium with a profile of its own, and no background traffic: on a closed network Chromium's
 * own connections are refused, and they must not slow or fail the test.
 */
function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium-headless-shell package (apt-get install chromium-headless-shell; .ci/run does)`,
    );
  profile = scratchDirectory('four-eyes-chromium');
  // Chromium starts while the app is served: each takes a second or more, and neither needs the other.
  const launching = launchChromium(profile);
  try {
    await serveApp();
  } finally {
    context = await launching;
  }
  page = context.pages()[0] ?? (await context.newPage());
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  await github?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A full-page screenshot for docs/auditing.md, when refreshing them. */
async function shoot(name: string): Promise<void> {
  if (REFRESH_SCREENSHOTS) await page.screenshot({ path: join(IMAGES, `console-${name}.png`), fullPage: true });
}
const rows = () => page.locator('tbody tr th[scope="row"] a').allTextContents();

describe("the auditors' console in Chromium", () => {
  it("asks to sign in, goes through GitHub's authorization and lands on the decisions of the repositories it can read", async () => {
    const response = await page.goto(`${url}/four-eyes/decisions`);
    expect(response?.status()).toBe(401);
    await shoot('sign-in');
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL('**/four-eyes/decisions');
    expect(github.requests.map((r) => r.url.split('?')[0])).toContain('/login/oauth/authorize');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Decisions');
    // other/secret's records (10 to 12) are not the auditor's to see: GitHub says so.
    expect(await rows()).toEqual(['#9', '#8', '#7', '#6', '#5', '#4', '#3', '#1']);
    await shoot('decisions');
  });

  it('keeps the session cookie on http://127.0.0.1, a secure context, though it is Secure, HttpOnly and SameSite=Lax', async () => {
    const cookies = await context.cookies(`${url}/four-eyes/`);
    expect(
      cookies.map(({ name, secure, httpOnly, sameSite, path }) => ({ name, secure, httpOnly, sameSite, path })),
    ).toEqual([{ name: 'four_eyes_session', secure: true, httpOnly: true, sameSite: 'Lax', path: '/four-eyes' }]);
  });

  it('can be used from the keyboard: the first Tab reaches the skip link', async () => {
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
  });

  it('filters with the labelled form, and follows a decision to its page with links to the files at its SHA', async () => {
    await page.getByLabel('Repository (owner/name)').fill('acme/infra');
    await page.getByLabel('Kind').selectOption('decision');
    await page.getByRole('button', { name: 'Filter' }).click();
    // Without script, the form sends its empty fields too: the filter is read from the ones filled.
    await page.waitForURL((url) => url.searchParams.get('kind') === 'decision');
    expect(page.url()).toContain('repository=acme%2Finfra');
    expect(await rows()).toEqual(['#4', '#1']);
    await shoot('filtered');
    await page.getByRole('link', { name: '#1', exact: true }).click();
    await page.waitForURL('**/four-eyes/records/1');
    const fileLink = page.getByRole('link', { name: 'modules/iam/main.tf:12' });
    expect(await fileLink.getAttribute('href')).toBe(
      // GitHub here is GHES-shaped (its API under /api/v3): files are linked on its web address.
      `${github.webUrl}/acme/infra/blob/${SHA_7}/modules/iam/main.tf#L12`,
    );
    expect(await page.locator('code', { hasText: 'four-eyes audit verify --expect 1:sha256:' }).count()).toBe(1);
    await shoot('decision');
  });

  it('exports the current filter as CSV', async () => {
    await page.goto(`${url}/four-eyes/decisions?repository=acme%2Finfra&kind=decision`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toMatch(/^seq,kind,recorded_at,repository/);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['4', '1']);
  });

  it('shows the exceptions in force, the break-glass uses with their follow-up issues, and verifies the chain', async () => {
    await page.getByRole('link', { name: 'Exceptions' }).click();
    expect(await page.locator('tr.soon th').allTextContents()).toEqual(['staging-tags']);
    await shoot('exceptions');
    await page.getByRole('link', { name: 'Break-glass' }).click();
    expect(await page.getByRole('link', { name: 'acme/network/issues/41' }).count()).toBe(1);
    expect(await page.locator('td', { hasText: 'acme/network/issues/41' }).textContent()).toBe(
      'acme/network/issues/41 open',
    );
    await shoot('break-glass');
    await page.getByRole('link', { name: 'Integrity' }).click();
    await page.getByRole('button', { name: 'Verify the whole chain now' }).click();
    await page.waitForURL('**/four-eyes/integrity');
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('status').textContent();
      })
      .toContain('Intact: 12 records');
    await shoot('integrity');
  });

  it('refuses a sign-out without the form token, then signs out with the form and is anonymous again', async () => {
    const forged = await page.request.post(`${url}/four-eyes/sign-out`, { form: { csrf: 'not-the-token' } });
    expect(forged.status()).toBe(403);
    expect((await page.goto(`${url}/four-eyes/decisions`))?.status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/four-eyes/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to see the audit log');
    expect(await context.cookies(`${url}/four-eyes/`)).toEqual([]);
    expect((await page.goto(`${url}/four-eyes/exceptions`))?.status()).toBe(401);
  });

  it("shows someone in no auditors' team, signed in with GitHub, the 403 page", async () => {
    github.signInAs('outsider');
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL('**/four-eyes/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    expect((await page.goto(`${url}/four-eyes/decisions`))?.status()).toBe(403);
    await shoot('forbidden');
  });
});
