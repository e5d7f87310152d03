import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditStore } from '../audit/auditStore.js';
import type { ConsoleStore, RecordQuery } from '../audit/consoleStore.js';
import { ChainCheck } from './chainCheck.js';
import { decisionsBody, pageAtOf, pager } from './decisionsPage.js';
import { breakGlassBody, exceptionsBody } from './exceptionsPage.js';
import { streamExport } from './exportRoute.js';
import { parseFilters } from './filters.js';
import { GitHubLinks } from './githubLinks.js';
import { integrityBody } from './integrityPage.js';
import { followUpStates, type IssueStateReader } from './issueStates.js';
import { CONSOLE_ROOT, page } from './layout.js';
import { recordBody } from './recordPage.js';
import { errorPage, forbidden, formFields, redirect, sendCss, sendHtml, signInNeeded } from './responses.js';
import { STYLESHEET } from './style.js';
import type { ConsoleSignIn, ConsoleViewer } from './viewer.js';

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

interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  search: URLSearchParams;
  viewer: ConsoleViewer;
}

/**
 * The auditors' console under `/four-eyes/`, as a Probot `addHandler` handler: true when it
 * answered, false for any other path. The sign-in answers its own routes first; then every
 * page needs a viewer (401 for nobody, 403 for someone not allowed), and shows only the
 * records of the repositories that viewer may read: another's record is "not found".
 */
export function consoleHandler(options: ConsoleOptions) {
  const now = options.now ?? (() => new Date());
  const links = new GitHubLinks(options.baseUrl);
  const check = new ChainCheck(options.records, now);
  const size = options.pageSize ?? 50;
  const { store, signIn } = options;

  const routes: Record<string, (r: Request) => Promise<void>> = {
    'GET /decisions': async ({ res, search, viewer }) => {
      const filters = parseFilters(search);
      const query: RecordQuery = { ...filters.query, visible: viewer.repositories };
      const result = filters.errors.length
        ? null
        : { page: await store.page(query, pageAtOf(search), size), total: await store.count(query) };
      const body = decisionsBody(filters.values, filters.errors, result);
      sendHtml(
        res,
        filters.errors.length ? 400 : 200,
        page({ title: 'Decisions', section: `${CONSOLE_ROOT}/decisions`, viewer }, body),
      );
    },
    'GET /exceptions': async ({ res, viewer }) => {
      const body = exceptionsBody(await store.exceptionsInUse(viewer.repositories), now());
      sendHtml(res, 200, page({ title: 'Exceptions', section: `${CONSOLE_ROOT}/exceptions`, viewer }, body));
    },
    'GET /break-glass': async ({ res, search, viewer }) => {
      const result = await store.page({ visible: viewer.repositories, kind: 'break-glass' }, pageAtOf(search), size);
      const seqs = result.records.map((r) =>
        Number((JSON.parse(r.body) as { data: { decisionSeq: number } }).data.decisionSeq),
      );
      const issues = (await store.followUpIssues(seqs)).filter((i) =>
        viewer.repositories.has(i.repository.toLowerCase()),
      );
      const states = await followUpStates(issues, options.issueState);
      const body = breakGlassBody(result, issues, states, pager({}, result, `${CONSOLE_ROOT}/break-glass`));
      sendHtml(res, 200, page({ title: 'Break-glass', section: `${CONSOLE_ROOT}/break-glass`, viewer }, body));
    },
    'GET /integrity': async ({ res, viewer }) => {
      const state = check.state;
      const body = integrityBody(await store.head(), state, viewer);
      const shell = { title: 'Integrity', section: `${CONSOLE_ROOT}/integrity`, viewer } as const;
      sendHtml(res, 200, page(state.state === 'running' ? { ...shell, refreshSeconds: 2 } : shell, body));
    },
    'POST /integrity': async ({ req, res, viewer }) => {
      const form = await formFields(req);
      if (!form || !signIn.acceptsCsrf(viewer, form.get('csrf') ?? undefined))
        return errorPage(
          res,
          403,
          'Form expired',
          'This form is not from your session (or it expired). Reload the page and try again.',
          viewer,
        );
      await check.start(viewer.login);
      redirect(res, `${CONSOLE_ROOT}/integrity`);
    },
    'GET /export.csv': (r) => exportAs(r, 'csv'),
    'GET /export.jsonl': (r) => exportAs(r, 'jsonl'),
  };

  async function exportAs({ res, search, viewer }: Request, format: 'csv' | 'jsonl'): Promise<void> {
    const filters = parseFilters(search);
    if (filters.errors.length) return errorPage(res, 400, 'Filters not understood', filters.errors.join(' '), viewer);
    await streamExport(res, store, { ...filters.query, visible: viewer.repositories }, format, now());
  }

  async function recordPage({ res, path, viewer }: Request): Promise<boolean> {
    const match = /^\/records\/([1-9]\d{0,14})$/.exec(path);
    if (!match) return false;
    const record = await store.record(Number(match[1]), viewer.repositories);
    // Not "forbidden": whether a record exists in a repository the viewer cannot read is not theirs to learn.
    if (!record) {
      errorPage(res, 404, 'Not found', 'No such record among the repositories you can read.', viewer);
      return true;
    }
    const related = record.kind === 'decision' ? await store.recordsOfDecision(record) : [];
    sendHtml(res, 200, page({ title: `Record #${record.seq}`, viewer }, recordBody(record, related, links)));
    return true;
  }

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
        const route = routes[`${method} ${path}`];
        if (route) await route(request);
        else if (method === 'GET' && path === '/') redirect(res, `${CONSOLE_ROOT}/decisions`);
        else if (!(method === 'GET' && (await recordPage(request))))
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
