import { existsSync, readFileSync } from 'node:fs';
import type { StoreLocation } from './audit/database.js';
import type { ConsoleSettings } from './console/signIn/consoleSettings.js';

/** The app's settings, read from the environment and checked before anything starts. */
export interface AppSettings {
  appId: number;
  webhookSecret: string;
  host: string;
  port: number;
  logLevel: string;
  baseUrl: string;
}

/** Everything a process of the app reads from its environment: the app's settings and where its audit store is. */
export interface Settings {
  app: AppSettings;
  store: StoreLocation;
  /** the background work: how often due retries and deliveries of crashed processes are looked for */
  recovery: { intervalMs: number };
  /** how often the app completes check runs and posts that evaluations left behind (FOUR_EYES_SWEEP_SECONDS; 0: only at start) */
  sweepIntervalMs: number;
  /** the auditors' console's sign-in; null when its OAuth settings are not set (the console is off) */
  console: ConsoleSettings | null;
  /** the most heap, in MB, the worker that builds large change sets may use (FOUR_EYES_WORKER_MEMORY_MB) */
  workerMemoryMb: number;
  /** how long the change-set worker may go without answering while it has work (FOUR_EYES_WORKER_TIMEOUT_SECONDS) */
  workerTimeoutMs: number;
}

export class SettingsError extends Error {}

/** The environment as plain strings (Probot narrows some variables' types; a wrong value is what we check for). */
export type Environment = Record<string, string | undefined>;

/** This process's environment, as the readers below take it. */
export function processEnvironment(): Environment {
  return process.env as Environment;
}

const DEFAULT_DATA_DIR = './.four-eyes';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Every setting the app needs, validated: a missing or malformed one is a one-line error naming
 * the variable and what to do. Probot alone would start without a webhook secret (using
 * "development") and accept any signature made with it; Four Eyes refuses.
 */
export function readAllSettings(env: Environment): Settings {
  const appId = env.APP_ID?.trim() ?? '';
  if (!/^[1-9]\d*$/.test(appId))
    throw new SettingsError(
      appId === ''
        ? "APP_ID is not set; set it to the App ID from the GitHub App's settings page"
        : `APP_ID must be the App's numeric id, got "${appId}"`,
    );
  checkPrivateKey(env);
  const webhookSecret = env.WEBHOOK_SECRET ?? '';
  if (webhookSecret.trim() === '')
    throw new SettingsError(
      'WEBHOOK_SECRET is not set; set it to the webhook secret of the GitHub App (the app refuses unsigned or guessable webhooks)',
    );
  if (webhookSecret === 'development')
    throw new SettingsError(
      'WEBHOOK_SECRET is "development", Probot\'s well-known default; set a long random secret in the app and here',
    );
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new SettingsError(`PORT must be a port number from 1 to 65535, got "${env.PORT}"`);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new SettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  if (env.LOG_FORMAT && !['json', 'pretty'].includes(env.LOG_FORMAT))
    throw new SettingsError(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  const store = readStoreLocation(env);
  const sweep = env.FOUR_EYES_SWEEP_SECONDS?.trim() || '300';
  if (!/^\d+$/.test(sweep))
    throw new SettingsError(
      `FOUR_EYES_SWEEP_SECONDS must be a whole number of seconds (0: sweep only at start), got "${env.FOUR_EYES_SWEEP_SECONDS}"`,
    );
  const app = {
    appId: Number(appId),
    webhookSecret,
    host: env.HOST || 'localhost',
    port,
    logLevel,
    baseUrl: baseUrl(env),
  };
  return {
    app,
    store,
    recovery: { intervalMs: retryInterval(env) },
    sweepIntervalMs: Number(sweep) * 1000,
    console: readConsoleSettings(env, app.baseUrl),
    workerMemoryMb: workerMemory(env),
    workerTimeoutMs: workerTimeout(env),
  };
}

/** The app's own settings, validated with all the others (see readAllSettings). */
export function readSettings(env: Environment): AppSettings {
  return readAllSettings(env).app;
}

/**
 * Where the audit store lives: DATABASE_URL wins, else a PGlite directory. A malformed value is
 * refused rather than replaced by the default: the app and the CLI must read the same store.
 */
export function readStoreLocation(env: Environment): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\/[^/]/.test(url))
    throw new SettingsError(
      'DATABASE_URL must be a PostgreSQL connection string such as postgres://user:password@host:5432/four_eyes; unset it to use the embedded store in FOUR_EYES_DATA_DIR',
    );
  if (env.FOUR_EYES_DATA_DIR !== undefined && env.FOUR_EYES_DATA_DIR.trim() === '')
    throw new SettingsError(`FOUR_EYES_DATA_DIR is empty; unset it (default ${DEFAULT_DATA_DIR}) or name a directory`);
  return { databaseUrl: url || null, dataDir: env.FOUR_EYES_DATA_DIR?.trim() || DEFAULT_DATA_DIR };
}

/** FOUR_EYES_RETRY_INTERVAL: seconds between looks for due retries and crashed processes' deliveries (default 5). */
function retryInterval(env: Environment): number {
  const text = env.FOUR_EYES_RETRY_INTERVAL?.trim();
  if (text === undefined || text === '') return 5_000;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 1 || seconds > 3600)
    throw new SettingsError(
      `FOUR_EYES_RETRY_INTERVAL must be a number of seconds from 1 to 3600, got "${env.FOUR_EYES_RETRY_INTERVAL}"`,
    );
  return seconds * 1000;
}

/**
 * FOUR_EYES_WORKER_MEMORY_MB: the old-generation heap limit of the change-set worker (default
 * 1536). A pull request whose change set needs more fails closed, saying so, instead of growing
 * the process until the machine or container kills it with every evaluation in flight.
 */
function workerMemory(env: Environment): number {
  return wholeNumber(env, 'FOUR_EYES_WORKER_MEMORY_MB', { unit: 'megabytes', min: 256, max: 65536, otherwise: 1536 });
}

/**
 * FOUR_EYES_WORKER_TIMEOUT_SECONDS: how long the change-set worker may go without answering while
 * it has work (default 300): then it is stopped, so one pathological pull request cannot hold up
 * every large one behind it. That pull request fails closed, saying so; those waiting are retried.
 */
function workerTimeout(env: Environment): number {
  return (
    1000 * wholeNumber(env, 'FOUR_EYES_WORKER_TIMEOUT_SECONDS', { unit: 'seconds', min: 10, max: 3600, otherwise: 300 })
  );
}

/** A whole number from `min` to `max`, or `otherwise` when unset; anything else is refused, naming the variable. */
function wholeNumber(
  env: Environment,
  name: string,
  { unit, min, max, otherwise }: { unit: string; min: number; max: number; otherwise: number },
): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return otherwise;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new SettingsError(`${name} must be a whole number of ${unit} from ${min} to ${max}, got "${env[name]}"`);
  return value;
}

const CONSOLE_REQUIRED = [
  'FOUR_EYES_CONSOLE_CLIENT_ID',
  'FOUR_EYES_CONSOLE_CLIENT_SECRET',
  'FOUR_EYES_SESSION_SECRET',
  'FOUR_EYES_CONSOLE_URL',
] as const;

/**
 * The console's sign-in: off (null) when none of its settings is set; with some but not all, an
 * error naming those missing, rather than a console that half works.
 */
function readConsoleSettings(env: Environment, apiUrl: string): ConsoleSettings | null {
  const value = (name: string) => env[name]?.trim() ?? '';
  const missing = CONSOLE_REQUIRED.filter((name) => value(name) === '');
  if (missing.length === CONSOLE_REQUIRED.length) {
    if (value('FOUR_EYES_AUDITORS') === '') return null;
    throw new SettingsError(
      `FOUR_EYES_AUDITORS is set but the console is off; also set ${CONSOLE_REQUIRED.join(', ')}`,
    );
  }
  if (missing.length > 0)
    throw new SettingsError(
      `the auditors' console needs ${missing.join(', ')} too (set all of ${CONSOLE_REQUIRED.join(', ')}, or none to turn the console off)`,
    );
  const sessionSecret = value('FOUR_EYES_SESSION_SECRET');
  if (sessionSecret.length < 32)
    throw new SettingsError(
      `FOUR_EYES_SESSION_SECRET must be at least 32 characters (it signs the console's cookies; \`openssl rand -hex 32\`), got ${sessionSecret.length}`,
    );
  return {
    clientId: value('FOUR_EYES_CONSOLE_CLIENT_ID'),
    clientSecret: value('FOUR_EYES_CONSOLE_CLIENT_SECRET'),
    sessionSecret,
    publicUrl: consoleUrl(value('FOUR_EYES_CONSOLE_URL')),
    webUrl: gitHubWebUrl(env),
    apiUrl,
    auditors: auditorTeams(value('FOUR_EYES_AUDITORS')),
  };
}

/** https, or http on this machine only: the session cookie is Secure, which browsers honour over http on localhost alone */
function consoleUrl(text: string): string {
  const url = URL.parse(text);
  const local = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url === null || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.search || url.hash)
    throw new SettingsError(
      `FOUR_EYES_CONSOLE_URL must be the https address browsers reach this app at, such as https://four-eyes.example.com (http only on localhost), got "${text}"`,
    );
  return url.href.replace(/\/+$/, '');
}

/** FOUR_EYES_GITHUB_URL, else github.com, or the GHES host (whose API is under /api/v3) */
function gitHubWebUrl(env: Environment): string {
  const text = env.FOUR_EYES_GITHUB_URL?.trim();
  if (!text) return env.GHE_HOST ? `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST}` : 'https://github.com';
  const url = URL.parse(text);
  if (url === null || !['https:', 'http:'].includes(url.protocol) || url.search || url.hash)
    throw new SettingsError(
      `FOUR_EYES_GITHUB_URL must be GitHub's web address, such as https://github.example.com, got "${text}"`,
    );
  return url.href.replace(/\/+$/, '');
}

function auditorTeams(text: string): ConsoleSettings['auditors'] {
  if (text === '') return [];
  return text.split(',').map((entry) => {
    const match = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9_.-]*)$/i.exec(entry.trim());
    if (!match)
      throw new SettingsError(
        `FOUR_EYES_AUDITORS must list teams as org/team-slug separated by commas, such as acme/auditors, got "${entry.trim()}"`,
      );
    return { org: match[1]!.toLowerCase(), team: match[2]!.toLowerCase() };
  });
}

function checkPrivateKey(env: Environment): void {
  const inline = env.PRIVATE_KEY?.trim();
  const path = env.PRIVATE_KEY_PATH?.trim();
  if (inline && path) throw new SettingsError('both PRIVATE_KEY and PRIVATE_KEY_PATH are set; keep one');
  if (!inline && !path)
    throw new SettingsError(
      'no private key: set PRIVATE_KEY (the .pem contents, or them base64-encoded) or PRIVATE_KEY_PATH (the .pem file)',
    );
  if (path) {
    if (!existsSync(path)) throw new SettingsError(`PRIVATE_KEY_PATH ${path} does not exist`);
    if (!isPem(readFileSync(path, 'utf8')))
      throw new SettingsError(
        `PRIVATE_KEY_PATH ${path} is not a PEM private key (it should start with -----BEGIN RSA PRIVATE KEY-----)`,
      );
    return;
  }
  const decoded = isPem(inline!) ? inline! : Buffer.from(inline!, 'base64').toString('utf8');
  if (!isPem(decoded)) throw new SettingsError('PRIVATE_KEY is neither a PEM private key nor one encoded in base64');
}

function isPem(text: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text.replace(/\\n/g, '\n'));
}

function baseUrl(env: Environment): string {
  if (!env.GHE_HOST) {
    if (env.GHE_PROTOCOL)
      throw new SettingsError(
        'GHE_PROTOCOL is set without GHE_HOST; set GHE_HOST to your GitHub Enterprise Server host name',
      );
    return 'https://api.github.com';
  }
  const protocol = env.GHE_PROTOCOL || 'https';
  if (protocol !== 'https' && protocol !== 'http')
    throw new SettingsError(`GHE_PROTOCOL must be https or http, got "${protocol}"`);
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(env.GHE_HOST))
    throw new SettingsError(
      `GHE_HOST must be a host name such as github.example.com (no scheme or path), got "${env.GHE_HOST}"`,
    );
  return `${protocol}://${env.GHE_HOST}/api/v3`;
}
