import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditStore } from '../audit/auditStore.js';
import type { ConsoleStore } from '../audit/consoleStore.js';
import { ChainCheck } from './chainCheck.js';
import { GitHubLinks } from './githubLinks.js';
import type { IssueStateReader } from './issueStates.js';
import { CONSOLE_ROOT } from './layout.js';
import { errorPage, forbidden, redirect, sendCss, signInNeeded } from './responses.js';
import { type ConsoleContext, ROUTES, recordPage } from './routes.js';
import { STYLESHEET } from './style.js';
import type { ConsoleSignIn } from './viewer.js';

export interface ConsoleOptions {
  /** what the pages read */
  store: ConsoleStore;
  /** the audit log itself, which the integrity page verifies */
  records: AuditStore;
  signIn: ConsoleSignIn;
  /** GitHub's API base (settings' `baseUrl`): links to files and pull requests are made from it, GHES included */
  baseUrl: string;
  now?: () => Date;
  /** records per page (default 50) */
  pageSize?: number;
  log?: { error(details: object, message: string): void };
  /** reads a break-glass follow-up issue's state on GitHub (without it, the state is shown as unknown) */
  issueState?: IssueStateReader;
}

/**
 * The auditors' console under `/four-eyes/`, as a Probot `addHandler` handler: true when it
 * answered, false for any other path. The sign-in answers its own routes first; then every
 * page needs a viewer (401 for nobody, 403 for someone not allowed), and shows only the
 * records of the repositories that viewer may read: another's record is "not found".
 */
export function consoleHandler(options: ConsoleOptions) {
  const now = options.now ?? (() => new Date());
  const { signIn } = options;
  const ctx: ConsoleContext = {
    store: options.store,
    signIn,
    links: new GitHubLinks(options.baseUrl),
    check: new ChainCheck(options.records, now),
    pageSize: options.pageSize ?? 50,
    now,
    issueState: options.issueState,
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    if (url.pathname !== CONSOLE_ROOT && !url.pathname.startsWith(`${CONSOLE_ROOT}/`)) return false;
    const path = url.pathname.slice(CONSOLE_ROOT.length) || '/';
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (method === 'GET' && path === '/style.css') {
      sendCss(res, STYLESHEET);
      return true;
    }
    if (await signIn.handle(req, res)) return true;
    try {
      const outcome = await signIn.viewerOf(req);
      if (outcome.kind === 'anonymous') signInNeeded(res);
      else if (outcome.kind === 'forbidden') forbidden(res, outcome.login, outcome.reason);
      else {
        const request = { req, res, path, search: url.searchParams, viewer: outcome.viewer };
        const route = ROUTES[`${method} ${path}`];
        if (route) await route(ctx, request);
        else if (method === 'GET' && path === '/') redirect(res, `${CONSOLE_ROOT}/decisions`);
        else if (!(method === 'GET' && (await recordPage(ctx, request))))
          errorPage(res, 404, 'Not found', 'There is no such page in the console.', outcome.viewer);
      }
    } catch (error) {
      options.log?.error({ err: error }, 'four-eyes: the console failed to answer');
      if (!res.headersSent)
        errorPage(res, 500, 'Something went wrong', 'The console could not answer; the error is in the log.');
      else res.destroy();
    }
    return true;
  };
}
