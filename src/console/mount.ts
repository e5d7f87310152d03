import type { AuditServices } from '../audit/services.js';
import { SqlConsoleStore } from '../audit/sqlConsoleStore.js';
import { consoleHandler } from './consoleHandler.js';
import type { IssueStateReader } from './issueStates.js';
import type { ConsoleSignIn } from './viewer.js';

/** What the app needs to serve the auditors' console. */
export interface ConsoleSettings {
  signIn: ConsoleSignIn;
  /** GitHub's API base (settings' `app.baseUrl`) */
  baseUrl: string;
  /** reads a break-glass follow-up issue's state on GitHub */
  issueState?: IssueStateReader;
  /** the app's clock (what "expires within 14 days" is measured from) */
  now?: () => Date;
}

/**
 * The console's handler over the app's audit store, or why there is none: the console reads
 * with SQL (keyset pages, derived columns), so the in-memory store tests use cannot serve it.
 */
export function consoleOver(
  audit: AuditServices,
  settings: ConsoleSettings,
  log: { error(details: object, message: string): void },
): ReturnType<typeof consoleHandler> | string {
  const db = audit.db;
  if (!speaksSql(db))
    return `the audit store (${audit.db.kind}) cannot serve the console: it needs PGlite or PostgreSQL`;
  return consoleHandler({
    store: new SqlConsoleStore(db),
    records: audit.records,
    signIn: settings.signIn,
    baseUrl: settings.baseUrl,
    log,
    ...(settings.issueState ? { issueState: settings.issueState } : {}),
    ...(settings.now ? { now: settings.now } : {}),
  });
}

/** A store over PGlite or PostgreSQL, which answers SQL; the in-memory one does not. */
function speaksSql(db: AuditServices['db']): db is AuditServices['db'] & SqlConsoleStore['db'] {
  return typeof (db as Partial<SqlConsoleStore['db']>).query === 'function';
}
