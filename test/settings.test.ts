import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllSettings, readSettings, readStoreLocation } from '../src/settings.js';
import { scratchDirectory } from './support/scratchDirectory.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const good = { APP_ID: '123', PRIVATE_KEY: pem, WEBHOOK_SECRET: 's3cret-long-and-random' };

describe('settings', () => {
  it('accepts a complete environment, with defaults for the rest', () => {
    expect(readSettings(good)).toEqual({
      appId: 123,
      webhookSecret: 's3cret-long-and-random',
      host: 'localhost',
      port: 3000,
      logLevel: 'info',
      baseUrl: 'https://api.github.com',
    });
  });

  it('accepts the key base64-encoded, or as a file', () => {
    expect(readSettings({ ...good, PRIVATE_KEY: Buffer.from(pem).toString('base64') }).appId).toBe(123);
    const dir = scratchDirectory('four-eyes-key');
    writeFileSync(join(dir, 'app.pem'), pem);
    expect(readSettings({ ...good, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: join(dir, 'app.pem') }).appId).toBe(123);
  });

  it('GitHub Enterprise Server: GHE_HOST and GHE_PROTOCOL make the API URL', () => {
    expect(readSettings({ ...good, GHE_HOST: 'github.acme.example' }).baseUrl).toBe(
      'https://github.acme.example/api/v3',
    );
    expect(readSettings({ ...good, GHE_HOST: 'ghe.local:8443', GHE_PROTOCOL: 'http' }).baseUrl).toBe(
      'http://ghe.local:8443/api/v3',
    );
  });

  it.each([
    ['no APP_ID', { APP_ID: undefined }, "APP_ID is not set; set it to the App ID from the GitHub App's settings page"],
    ['a non-numeric APP_ID', { APP_ID: 'four-eyes' }, 'APP_ID must be the App\'s numeric id, got "four-eyes"'],
    [
      'no private key',
      { PRIVATE_KEY: undefined },
      'no private key: set PRIVATE_KEY (the .pem contents, or them base64-encoded) or PRIVATE_KEY_PATH (the .pem file)',
    ],
    ['both key settings', { PRIVATE_KEY_PATH: '/x.pem' }, 'both PRIVATE_KEY and PRIVATE_KEY_PATH are set; keep one'],
    [
      'a key that is not one',
      { PRIVATE_KEY: 'hunter2' },
      'PRIVATE_KEY is neither a PEM private key nor one encoded in base64',
    ],
    [
      'a missing key file',
      { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: '/nonexistent/app.pem' },
      'PRIVATE_KEY_PATH /nonexistent/app.pem does not exist',
    ],
    [
      'no webhook secret',
      { WEBHOOK_SECRET: undefined },
      'WEBHOOK_SECRET is not set; set it to the webhook secret of the GitHub App (the app refuses unsigned or guessable webhooks)',
    ],
    [
      "Probot's default secret",
      { WEBHOOK_SECRET: 'development' },
      'WEBHOOK_SECRET is "development", Probot\'s well-known default; set a long random secret in the app and here',
    ],
    ['a bad port', { PORT: '70000' }, 'PORT must be a port number from 1 to 65535, got "70000"'],
    [
      'a bad log level',
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"',
    ],
    ['a bad log format', { LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be json or pretty, got "xml"'],
    [
      'a URL for GHE_HOST',
      { GHE_HOST: 'https://github.acme.example' },
      'GHE_HOST must be a host name such as github.example.com (no scheme or path), got "https://github.acme.example"',
    ],
    [
      'a DATABASE_URL that is not PostgreSQL',
      { DATABASE_URL: 'mysql://db/four_eyes' },
      'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:password@host:5432/four_eyes; unset it to use the embedded store in FOUR_EYES_DATA_DIR',
    ],
    [
      'an empty FOUR_EYES_DATA_DIR',
      { FOUR_EYES_DATA_DIR: ' ' },
      'FOUR_EYES_DATA_DIR is empty; unset it (default ./.four-eyes) or name a directory',
    ],
    [
      'GHE_PROTOCOL alone',
      { GHE_PROTOCOL: 'http' },
      'GHE_PROTOCOL is set without GHE_HOST; set GHE_HOST to your GitHub Enterprise Server host name',
    ],
  ])('refuses %s with a one-line error', (_name, change, message) => {
    expect(() => readSettings({ ...good, ...change })).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it("reads the audit store's location with the rest: DATABASE_URL wins, else the data directory", () => {
    expect(readAllSettings(good).store).toEqual({ databaseUrl: null, dataDir: './.four-eyes' });
    expect(readAllSettings({ ...good, FOUR_EYES_DATA_DIR: ' /var/lib/four-eyes ' }).store).toEqual({
      databaseUrl: null,
      dataDir: '/var/lib/four-eyes',
    });
    expect(
      readAllSettings({ ...good, DATABASE_URL: 'postgres://app@db/four_eyes', FOUR_EYES_DATA_DIR: '/x' }).store,
    ).toEqual({ databaseUrl: 'postgres://app@db/four_eyes', dataDir: '/x' });
  });

  it.each([
    {
      what: "how often retries and crashed processes' deliveries are looked for",
      variable: 'FOUR_EYES_RETRY_INTERVAL',
      read: (settings: ReturnType<typeof readAllSettings>) => settings.recovery.intervalMs,
      unset: 5_000,
      good: [
        ['30', 30_000],
        ['1.5', 1_500],
      ],
      bad: ['0', '-5', 'soon', '5s', '7200'],
      error: 'must be a number of seconds from 1 to 3600',
    },
    {
      what: "the change-set worker's heap limit",
      variable: 'FOUR_EYES_WORKER_MEMORY_MB',
      read: (settings: ReturnType<typeof readAllSettings>) => settings.workerMemoryMb,
      unset: 1536,
      good: [['4096', 4096]],
      bad: ['0', '128', '1.5', '2GB', '-1', '100000'],
      error: 'must be a whole number of megabytes from 256 to 65536',
    },
    {
      what: 'how long the change-set worker may go without answering',
      variable: 'FOUR_EYES_WORKER_TIMEOUT_SECONDS',
      read: (settings: ReturnType<typeof readAllSettings>) => settings.workerTimeoutMs,
      unset: 300_000,
      good: [['60', 60_000]],
      bad: ['0', '9', '1.5', '5m', '-10', '7200'],
      error: 'must be a whole number of seconds from 10 to 3600',
    },
  ] as const)(
    'reads $what from $variable, with its default, and refuses anything else',
    ({ variable, read, unset, good: values, bad, error }) => {
      expect(read(readAllSettings(good))).toBe(unset);
      for (const [text, value] of values) expect(read(readAllSettings({ ...good, [variable]: text }))).toBe(value);
      for (const text of bad)
        expect(() => readAllSettings({ ...good, [variable]: text })).toThrow(`${variable} ${error}, got "${text}"`);
    },
  );

  it("checks the store's location alone, as the CLI reads it, with the same errors", () => {
    expect(readStoreLocation({})).toEqual({ databaseUrl: null, dataDir: './.four-eyes' });
    expect(() => readStoreLocation({ FOUR_EYES_DATA_DIR: '' })).toThrow(
      'FOUR_EYES_DATA_DIR is empty; unset it (default ./.four-eyes) or name a directory',
    );
    expect(() => readStoreLocation({ DATABASE_URL: 'mysql://db/four_eyes' })).toThrow(
      'DATABASE_URL must be a PostgreSQL connection string',
    );
  });

  describe("the auditors' console's sign-in", () => {
    const consoleEnv = {
      FOUR_EYES_CONSOLE_CLIENT_ID: 'Iv1.abc',
      FOUR_EYES_CONSOLE_CLIENT_SECRET: 'client-secret',
      FOUR_EYES_SESSION_SECRET: 'x'.repeat(32),
      FOUR_EYES_CONSOLE_URL: 'https://four-eyes.acme.example/',
    };

    it('is off without its settings', () => {
      expect(readAllSettings(good).console).toBeNull();
    });

    it('reads the client, the secrets, the addresses and the auditors teams', () => {
      expect(
        readAllSettings({ ...good, ...consoleEnv, FOUR_EYES_AUDITORS: 'Acme/Auditors, globex/sec-ops' }).console,
      ).toEqual({
        clientId: 'Iv1.abc',
        clientSecret: 'client-secret',
        sessionSecret: 'x'.repeat(32),
        publicUrl: 'https://four-eyes.acme.example',
        webUrl: 'https://github.com',
        apiUrl: 'https://api.github.com',
        auditors: [
          { org: 'acme', team: 'auditors' },
          { org: 'globex', team: 'sec-ops' },
        ],
      });
    });

    it("takes GitHub's web address from GHE_HOST on GitHub Enterprise Server, or FOUR_EYES_GITHUB_URL", () => {
      const ghes = readAllSettings({ ...good, ...consoleEnv, GHE_HOST: 'github.acme.example' }).console!;
      expect([ghes.webUrl, ghes.apiUrl, ghes.auditors]).toEqual([
        'https://github.acme.example',
        'https://github.acme.example/api/v3',
        [],
      ]);
      const own = {
        ...good,
        ...consoleEnv,
        GHE_HOST: 'api.github.acme.example',
        FOUR_EYES_GITHUB_URL: 'https://github.acme.example/',
      };
      expect(readAllSettings(own).console!.webUrl).toBe('https://github.acme.example');
    });

    it('takes http for the console on this machine only (its cookies are Secure)', () => {
      expect(
        readAllSettings({ ...good, ...consoleEnv, FOUR_EYES_CONSOLE_URL: 'http://localhost:3000' }).console!.publicUrl,
      ).toBe('http://localhost:3000');
    });

    it.each([
      [
        'some of its settings',
        { FOUR_EYES_CONSOLE_CLIENT_ID: 'Iv1.abc' },
        "the auditors' console needs FOUR_EYES_CONSOLE_CLIENT_SECRET, FOUR_EYES_SESSION_SECRET, FOUR_EYES_CONSOLE_URL too (set all of FOUR_EYES_CONSOLE_CLIENT_ID, FOUR_EYES_CONSOLE_CLIENT_SECRET, FOUR_EYES_SESSION_SECRET, FOUR_EYES_CONSOLE_URL, or none to turn the console off)",
      ],
      [
        'auditors without the console',
        { FOUR_EYES_AUDITORS: 'acme/auditors' },
        'FOUR_EYES_AUDITORS is set but the console is off; also set FOUR_EYES_CONSOLE_CLIENT_ID, FOUR_EYES_CONSOLE_CLIENT_SECRET, FOUR_EYES_SESSION_SECRET, FOUR_EYES_CONSOLE_URL',
      ],
      [
        'a short session secret',
        { ...consoleEnv, FOUR_EYES_SESSION_SECRET: 'short' },
        "FOUR_EYES_SESSION_SECRET must be at least 32 characters (it signs the console's cookies; `openssl rand -hex 32`), got 5",
      ],
      [
        'an http console elsewhere',
        { ...consoleEnv, FOUR_EYES_CONSOLE_URL: 'http://four-eyes.acme.example' },
        'FOUR_EYES_CONSOLE_URL must be the https address browsers reach this app at, such as https://four-eyes.example.com (http only on localhost), got "http://four-eyes.acme.example"',
      ],
      [
        'a console address that is not one',
        { ...consoleEnv, FOUR_EYES_CONSOLE_URL: 'four-eyes.acme.example' },
        'FOUR_EYES_CONSOLE_URL must be the https address',
      ],
      [
        'a GitHub address that is not one',
        { ...consoleEnv, FOUR_EYES_GITHUB_URL: 'github.acme.example' },
        'FOUR_EYES_GITHUB_URL must be GitHub\'s web address, such as https://github.example.com, got "github.acme.example"',
      ],
      [
        'an auditors team without its organization',
        { ...consoleEnv, FOUR_EYES_AUDITORS: 'acme/auditors,auditors' },
        'FOUR_EYES_AUDITORS must list teams as org/team-slug separated by commas, such as acme/auditors, got "auditors"',
      ],
    ])('refuses %s with a one-line error', (_name, change, message) => {
      expect(() => readAllSettings({ ...good, ...change })).toThrow(message);
      expect(message).not.toContain('\n');
    });
  });
});
