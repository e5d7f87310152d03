import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleStore, RecordQuery } from '../audit/consoleStore.js';
import type { ChainCheck } from './chainCheck.js';
import { decisionsBody, pageAtOf, pager } from './decisionsPage.js';
import { breakGlassBody, exceptionsBody } from './exceptionsPage.js';
import { type ExportFormat, streamExport } from './exportRoute.js';
import { parseFilters } from './filters.js';
import type { GitHubLinks } from './githubLinks.js';
import { integrityBody } from './integrityPage.js';
import { followUpStates, type IssueStateReader } from './issueStates.js';
import { CONSOLE_ROOT, page } from './layout.js';
import { recordBody } from './recordPage.js';
import { errorPage, formFields, redirect, sendHtml } from './responses.js';
import type { ConsoleSignIn, ConsoleViewer } from './viewer.js';

/** What every page reads from: the store, the sign-in (for CSRF), links to GitHub, the chain's verification. */
export interface ConsoleContext {
  store: ConsoleStore;
  signIn: ConsoleSignIn;
  links: GitHubLinks;
  check: ChainCheck;
  pageSize: number;
  now: () => Date;
  issueState: IssueStateReader | undefined;
}

/** A request from a viewer, its path relative to the console's root. */
export interface ConsoleRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  search: URLSearchParams;
  viewer: ConsoleViewer;
}

type Route = (ctx: ConsoleContext, request: ConsoleRequest) => Promise<void>;

async function decisions(ctx: ConsoleContext, { res, search, viewer }: ConsoleRequest): Promise<void> {
  const filters = parseFilters(search);
  const query: RecordQuery = { ...filters.query, visible: viewer.repositories };
  const result = filters.errors.length
    ? null
    : { page: await ctx.store.page(query, pageAtOf(search), ctx.pageSize), total: await ctx.store.count(query) };
  const body = decisionsBody(filters.values, filters.errors, result);
  const shell = { title: 'Decisions', section: `${CONSOLE_ROOT}/decisions`, viewer } as const;
  sendHtml(res, filters.errors.length ? 400 : 200, page(shell, body));
}

async function exceptions(ctx: ConsoleContext, { res, viewer }: ConsoleRequest): Promise<void> {
  const [policies, used] = await Promise.all([
    ctx.store.policyExceptions(viewer.repositories),
    ctx.store.exceptionsInUse(viewer.repositories),
  ]);
  const body = exceptionsBody(policies, used, ctx.now());
  sendHtml(res, 200, page({ title: 'Exceptions', section: `${CONSOLE_ROOT}/exceptions`, viewer }, body));
}

async function breakGlass(ctx: ConsoleContext, { res, search, viewer }: ConsoleRequest): Promise<void> {
  const query = { visible: viewer.repositories, kind: 'break-glass' } as const;
  const result = await ctx.store.page(query, pageAtOf(search), ctx.pageSize);
  const seqs = result.records.map((r) =>
    Number((JSON.parse(r.body) as { data: { decisionSeq: number } }).data.decisionSeq),
  );
  const issues = (await ctx.store.followUpIssues(seqs)).filter((i) =>
    viewer.repositories.has(i.repository.toLowerCase()),
  );
  const states = await followUpStates(issues, ctx.issueState);
  const body = breakGlassBody(result, issues, states, pager({}, result, `${CONSOLE_ROOT}/break-glass`));
  sendHtml(res, 200, page({ title: 'Break-glass', section: `${CONSOLE_ROOT}/break-glass`, viewer }, body));
}

async function integrity(ctx: ConsoleContext, { res, viewer }: ConsoleRequest): Promise<void> {
  const state = ctx.check.state;
  const body = integrityBody(await ctx.store.head(), state, viewer);
  const shell = { title: 'Integrity', section: `${CONSOLE_ROOT}/integrity`, viewer } as const;
  sendHtml(res, 200, page(state.state === 'running' ? { ...shell, refreshSeconds: 2 } : shell, body));
}

/** Starts a verification of the whole chain: a form of this viewer's session only (its CSRF token). */
async function verify(ctx: ConsoleContext, { req, res, viewer }: ConsoleRequest): Promise<void> {
  const form = await formFields(req);
  if (!form || !ctx.signIn.acceptsCsrf(viewer, form.get('csrf') ?? undefined)) {
    const message = 'This form is not from your session (or it expired). Reload the page and try again.';
    return errorPage(res, 403, 'Form expired', message, viewer);
  }
  await ctx.check.start(viewer.login);
  redirect(res, `${CONSOLE_ROOT}/integrity`);
}

function exportAs(format: ExportFormat): Route {
  return async (ctx, { res, search, viewer }) => {
    const filters = parseFilters(search);
    if (filters.errors.length) return errorPage(res, 400, 'Filters not understood', filters.errors.join(' '), viewer);
    await streamExport(res, ctx.store, { ...filters.query, visible: viewer.repositories }, format, ctx.now());
  };
}

/** The console's pages by method and path (a record's page, whose path has its number, is `recordPage`). */
export const ROUTES: Readonly<Record<string, Route>> = {
  'GET /decisions': decisions,
  'GET /exceptions': exceptions,
  'GET /break-glass': breakGlass,
  'GET /integrity': integrity,
  'POST /integrity': verify,
  'GET /export.csv': exportAs('csv'),
  'GET /export.jsonl': exportAs('jsonl'),
};

/** `/records/<seq>`: false when the path is not a record's; a record out of the viewer's reach is "not found". */
export async function recordPage(ctx: ConsoleContext, { res, path, viewer }: ConsoleRequest): Promise<boolean> {
  const match = /^\/records\/([1-9]\d{0,14})$/.exec(path);
  if (!match) return false;
  const record = await ctx.store.record(Number(match[1]), viewer.repositories);
  // Not "forbidden": whether a record exists in a repository the viewer cannot read is not theirs to learn.
  if (!record) {
    errorPage(res, 404, 'Not found', 'No such record among the repositories you can read.', viewer);
    return true;
  }
  const related = record.kind === 'decision' ? await ctx.store.recordsOfDecision(record) : [];
  sendHtml(res, 200, page({ title: `Record #${record.seq}`, viewer }, recordBody(record, related, ctx.links)));
  return true;
}
