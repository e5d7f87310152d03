import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { freshPgliteAudit } from '../support/auditDatabase.js';
import { type ConsoleServer, serveConsole } from './consoleServer.js';
import { FakeSignIn } from './fakeSignIn.js';
import { SHA_7, seedConsole } from './seed.js';

const CHROMIUM = '/usr/bin/chromium';
const IMAGES = new URL('../../docs/images/', import.meta.url).pathname;
const NOW = new Date('2026-11-26T12:00:00Z');

let audit: SqlAuditServices;
let server: ConsoleServer;
let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium; .ci/run does)`,
    );
  audit = await freshPgliteAudit();
  await seedConsole(audit);
  const signIn = new FakeSignIn({ auditor: FakeSignIn.viewer('auditor', ['acme/infra', 'acme/network']) });
  server = await serveConsole(audit, signIn, { now: () => NOW, issueState: async () => 'open' });
  profile = mkdtempSync(join(tmpdir(), 'four-eyes-chromium-'));
  // A profile of its own, and no background traffic: on a closed network Chromium's own
  // connections are refused, and they must not slow or fail the test.
  context = await chromium.launchPersistentContext(profile, {
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
  page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(IMAGES, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const shoot = (name: string) => page.screenshot({ path: join(IMAGES, `console-${name}.png`), fullPage: true });
const rows = () => page.locator('tbody tr th[scope="row"] a').allTextContents();

describe("the auditors' console in Chromium", () => {
  it('asks to sign in, then signs in and lands on the decisions, newest first', async () => {
    const response = await page.goto(`${server.url}/four-eyes/decisions`);
    expect(response?.status()).toBe(401);
    await shoot('sign-in');
    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL('**/four-eyes/decisions');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Decisions');
    expect(await rows()).toEqual(['#9', '#8', '#7', '#6', '#5', '#4', '#3', '#1']);
    await shoot('decisions');
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
      `https://github.com/acme/infra/blob/${SHA_7}/modules/iam/main.tf#L12`,
    );
    expect(await page.locator('code', { hasText: 'four-eyes audit verify --expect 1:sha256:' }).count()).toBe(1);
    await shoot('decision');
  });

  it('exports the current filter as CSV', async () => {
    await page.goto(`${server.url}/four-eyes/decisions?repository=acme%2Finfra&kind=decision`);
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
});
