import type { ProbotOctokit } from 'probot';
import type { RequestKind, RequestSeen } from './metrics.js';
import { type Answer, type RateLimit, RateLimitBudgetSpent, rateLimitIn, seconds, WaitBudget } from './rateLimits.js';
import type { WriteQueue } from './writeQueue.js';

type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[number];
type Client = InstanceType<typeof ProbotOctokit>;
type Response = Awaited<ReturnType<Client['request']>>;

export interface RateLimitSettings {
  /** the most waiting one client (one webhook event's) may do in all */
  budgetMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** shared by every client of the app: writes are queued per installation */
  writes: WriteQueue;
  /** told of every answer (the metrics' requests and rate limit) */
  observe?: (seen: RequestSeen) => void;
}

/** Probot gives its clients a pino logger; fields first, then the message. */
interface PinoLike {
  warn(fields: object, message: string): void;
}

/** Octokit types its logger as console-like; the one Probot passes is pino, which takes fields first. */
function isPinoLike(log: object): log is PinoLike {
  return 'child' in log && 'warn' in log && typeof log.warn === 'function';
}

/**
 * Waits out GitHub's rate limits on every request a client sends (the installation token
 * request included: the app authentication sends it through the same hooks) and queues its
 * writes per installation. Probot makes one client per webhook event, so the budget is the
 * event's. The client gets `waitBudget`, which also tells the app it runs with this plugin.
 */
export function rateLimitPlugin(settings: RateLimitSettings): OctokitPlugin {
  return (octokit, options) => {
    const installationId = (options.auth as { installationId?: number | string } | undefined)?.installationId;
    const lane = installationId === undefined ? 'app' : `installation ${installationId}`;
    const budget = new WaitBudget(settings.budgetMs, settings.now);
    const log = octokit.log;
    octokit.hook.wrap('request', (send, endpoint) => {
      const request = describe(octokit.request.endpoint.parse(endpoint), endpoint);
      const waitingOut = () =>
        sendWaitingOut(async () => send(endpoint), request, { settings, budget, log, installationId });
      return request.write ? settings.writes.run(lane, waitingOut) : waitingOut();
    });
    return { waitBudget: budget };
  };
}

interface Request {
  /** `GET /repos/acme/infra/pulls/42/files`, `POST /graphql FourEyesPullRequest`: what logs and checks name */
  route: string;
  graphql: boolean;
  /** content-creating: queued per installation */
  write: boolean;
  kind: RequestKind;
}

function describe(sent: { method: string; url: string }, endpoint: object): Request {
  const path = pathOf(sent.url);
  const graphql = path.endsWith('/graphql');
  const query = String((endpoint as { query?: unknown }).query ?? '');
  const [, operationKind, operation] = /^\s*(query|mutation)\s+(\w+)/.exec(query) ?? [];
  const token = /\/app\/installations\/[^/]+\/access_tokens$|\/applications\/[^/]+\/token(\/scoped)?$/.test(path);
  const write = graphql ? operationKind === 'mutation' : !token && !['GET', 'HEAD'].includes(sent.method);
  const kind: RequestKind = graphql ? 'graphql' : token ? 'token' : write ? 'rest-write' : 'rest-read';
  return { route: `${sent.method} ${path}${graphql && operation ? ` ${operation}` : ''}`, graphql, write, kind };
}

function pathOf(url: string): string {
  const { pathname } = new URL(url);
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

interface Waiting {
  settings: RateLimitSettings;
  budget: WaitBudget;
  log: PinoLike | { warn(message: string, fields?: object): unknown };
  installationId: number | string | undefined;
}

/** Sends until GitHub answers something other than a rate limit, or a wait does not fit the budget. */
async function sendWaitingOut(send: () => Promise<Response>, request: Request, waiting: Waiting): Promise<Response> {
  const { settings, budget } = waiting;
  for (let secondaries = 0; ; ) {
    const outcome = await attempt(send, request.graphql);
    settings.observe?.(seenIn(outcome, request.kind));
    const limit = outcome.answer ? rateLimitIn(outcome.answer, settings.now(), secondaries) : null;
    if (!limit) {
      if ('error' in outcome) throw outcome.error;
      return outcome.response;
    }
    if (limit.kind === 'secondary') secondaries++;
    const cause = 'error' in outcome ? outcome.error : new Error(outcome.answer!.message);
    if (!budget.reserve(limit.waitMs)) throw new RateLimitBudgetSpent(limit, request.route, budget, { cause });
    logWait(waiting, request, limit);
    await settings.sleep(limit.waitMs);
  }
}

type Outcome = ({ response: Response } | { error: unknown }) & { answer: Answer | null };

/** One request, its answer read for a rate limit: an HTTP error, or GraphQL's `RATE_LIMITED` in a 200. */
async function attempt(send: () => Promise<Response>, graphql: boolean): Promise<Outcome> {
  try {
    const response = await send();
    const rateLimited = graphql ? rateLimitedError(response.data) : undefined;
    const answer = rateLimited
      ? { status: response.status, headers: response.headers, message: rateLimited, graphqlRateLimited: true }
      : null;
    return { response, answer };
  } catch (error) {
    const failure = error as {
      status?: unknown;
      message?: unknown;
      response?: { headers?: Answer['headers']; data?: unknown };
    };
    if (typeof failure.status !== 'number' || !failure.response) return { error, answer: null };
    const rateLimited = graphql ? rateLimitedError(failure.response.data) : undefined;
    const message = rateLimited ?? String(failure.message ?? '');
    return {
      error,
      answer: {
        status: failure.status,
        headers: failure.response.headers ?? {},
        message,
        graphqlRateLimited: rateLimited !== undefined,
      },
    };
  }
}

/** What the metrics count of an answer: its kind, status and the rate limit it reported. */
function seenIn(outcome: Outcome, kind: RequestKind): RequestSeen {
  let status: number | 'error';
  let headers: Record<string, unknown> | undefined;
  if ('response' in outcome) {
    status = outcome.response.status;
    headers = outcome.response.headers as Record<string, unknown>;
  } else {
    const failure = outcome.error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
    status = typeof failure.status === 'number' ? failure.status : 'error';
    headers = failure.response?.headers;
  }
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  const rateLimit =
    headers?.['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)
      ? null
      : { resource: String(headers['x-ratelimit-resource'] ?? 'core'), remaining };
  return { kind, status, rateLimit };
}

/** The message of a GraphQL `RATE_LIMITED` error in an answer, if it holds one. */
function rateLimitedError(data: unknown): string | undefined {
  const errors = (data as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const found = errors.find((e: { type?: unknown }) => e?.type === 'RATE_LIMITED') as { message?: unknown } | undefined;
  return found ? String(found.message ?? 'RATE_LIMITED') : undefined;
}

function logWait({ log, budget, installationId }: Waiting, request: Request, limit: RateLimit): void {
  const waitSeconds = seconds(limit.waitMs);
  const fields = {
    route: request.route,
    limit: limit.kind,
    seconds: waitSeconds,
    installation: installationId ?? null,
    budgetLeftSeconds: seconds(budget.leftMs),
  };
  const message = `four-eyes: GitHub's ${limit.kind} rate limit on ${request.route}; waiting ${waitSeconds} s as GitHub asks (${seconds(budget.leftMs)} s of this event's ${seconds(budget.totalMs)} s left after it)`;
  if (isPinoLike(log)) log.warn(fields, message);
  else log.warn(message, fields);
}
