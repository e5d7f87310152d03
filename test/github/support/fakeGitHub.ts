import { createHash } from 'node:crypto';
import nock from 'nock';
import { unifiedDiff } from '../../support/unifiedDiff.js';
import { actionsAnswer, blobAtExpression, installBlobStorage } from './fakeActions.js';
import { treeEntriesAt } from './fakeTrees.js';
import type { Scenario, ScenarioFile } from './scenario.js';

export interface RecordedRequest {
  method: string;
  /** path without the query, decoded; GraphQL requests as `POST /graphql FourEyesPullRequest` */
  route: string;
  query: string;
  body: unknown;
}

export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** GitHub did what was asked, then the answer was lost (a 5xx after the fact, a dropped connection) */
  applied?: boolean;
}

/** A check run as GitHub holds it after every create and update. */
export interface FakeCheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  output: { title?: string; summary?: string } | null;
}

const API = 'https://api.github.com';
/** GitHub's GraphQL gives a blob's text whole up to about this size, truncated beyond. */
const GRAPHQL_TEXT_BYTES = 512 * 1024;

/**
 * GitHub, as far as Four Eyes talks to it, served from a Scenario through nock. Every request is
 * recorded, so tests assert exactly which requests an event cost; a request the fake does not
 * know gets a 599, which fails the evaluation (and so the test).
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly checkRuns: { id: number; action: 'create' | 'update'; body: Record<string, unknown> }[] = [];
  /** faults by route (as in RecordedRequest.route), served before the scenario's answer, once each */
  readonly faults = new Map<string, Fault[]>();
  readonly unexpected: string[] = [];
  readonly issues: { number: number; title: string; body: string; assignees?: string[] }[] = [];
  readonly comments: { issue: number; body: string }[] = [];
  /** milliseconds GitHub takes to answer a route (as in `faults`; default: at once), to see which requests overlap */
  readonly latency = new Map<string, number>();
  /** routes whose next answer waits until the promise settles: a request held in flight until the test releases it */
  readonly holds = new Map<string, Promise<void>>();
  /** the requests of routes with a latency, when each began and ended */
  readonly timeline: { at: 'start' | 'end'; request: RecordedRequest }[] = [];
  /** every check run's current state, by id */
  readonly runs = new Map<number, FakeCheckRun>();
  /** GitHub's clock, for the times it gives what is created */
  clock = '2026-11-24T12:00:00Z';
  /** when each issue (by position in `issues`) and comment (by position in `comments`) was created */
  readonly #issueTimes: string[] = [];
  readonly #commentTimes: string[] = [];
  /** called after GitHub did what a request asked, before it answers: a test "kills" Four Eyes there */
  afterEffect: ((route: string) => void) | null = null;
  #nextCheckRunId: number;

  /** `firstCheckRunId`: GitHub's ids are unique across repositories; fakes serving one store give each its own range. */
  constructor(
    public scenario: Scenario,
    firstCheckRunId = 1000,
  ) {
    this.#nextCheckRunId = firstCheckRunId;
  }

  install(): this {
    nock.disableNetConnect();
    const scope = nock(API).persist();
    const fake = this;
    for (const method of ['get', 'post', 'patch'] as const) {
      scope[method](/.*/).reply(function (uri, body) {
        return fake.answerAfterLatency(fake.answer(method.toUpperCase(), uri, body, this.req.headers));
      });
    }
    installBlobStorage(
      () => fake.scenario,
      // The body keeps what matters of the headers: the token must not travel to another origin.
      (route, headers) =>
        fake.requests.push({ method: 'GET', route, query: '', body: { authorization: headers.authorization } }),
    );
    return this;
  }

  fail(route: string, ...faults: Fault[]): this {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
    return this;
  }

  /** Requests to the API proper: the installation token is Probot's, not the evaluation's. */
  apiRequests(): string[] {
    return this.requests.filter((r) => !r.route.endsWith('/access_tokens')).map((r) => `${r.method} ${r.route}`);
  }

  /** Runs not completed: after any test, there must be none. */
  openCheckRuns(): FakeCheckRun[] {
    return [...this.runs.values()].filter((run) => run.status !== 'completed');
  }

  lastCheckRun(): Record<string, unknown> {
    const last = this.checkRuns.at(-1);
    if (!last) throw new Error('no check run was written');
    return last.body;
  }

  answer(method: string, uri: string, rawBody: unknown, _headers: unknown): [number, unknown, Record<string, string>?] {
    const url = new URL(uri, API);
    const body = typeof rawBody === 'string' && rawBody !== '' ? JSON.parse(rawBody) : rawBody;
    const path = decodeURIComponent(url.pathname);
    const operation =
      method === 'POST' && path === '/graphql'
        ? (/query (\w+)/.exec((body as { query: string }).query)?.[1] ?? '?')
        : '';
    const route = operation ? `${path} ${operation}` : path;
    this.requests.push({ method, route, query: url.search, body });
    const fault = this.faults.get(`${method} ${route}`)?.shift();
    if (fault && !fault.applied)
      return [fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers ?? {}];
    const answer = this.route(method, path, url.searchParams, body, operation);
    if (method !== 'GET') this.afterEffect?.(`${method} ${route}`);
    return fault ? [fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers ?? {}] : answer;
  }

  /** The answer to the last request, held back until its route's hold is released, or as long as its route's latency says. */
  answerAfterLatency<T>(answer: T): T | Promise<T> {
    const request = this.requests.at(-1)!;
    const hold = this.holds.get(`${request.method} ${request.route}`);
    if (hold) {
      this.holds.delete(`${request.method} ${request.route}`);
      return hold.then(() => answer);
    }
    const ms = this.latency.get(`${request.method} ${request.route}`);
    if (ms === undefined) return answer;
    this.timeline.push({ at: 'start', request });
    return new Promise((resolve) =>
      setTimeout(() => {
        this.timeline.push({ at: 'end', request });
        resolve(answer);
      }, ms),
    );
  }

  route(
    method: string,
    path: string,
    params: URLSearchParams,
    body: unknown,
    operation: string,
  ): [number, unknown, Record<string, string>?] {
    const s = this.scenario;
    const repoPath = `/repos/${s.owner}/${s.name}`;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return [
        201,
        { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' },
      ];
    }
    if (method === 'POST' && path === '/graphql')
      return [200, this.graphql(operation, (body as { variables: Record<string, unknown> }).variables)];
    if (method === 'GET' && path === `${repoPath}/contents/.github/four-eyes.yml`) return rawFile(s.policy);
    if (method === 'GET' && path === `/repos/${s.owner}/.github/contents/.github/four-eyes.yml`)
      return rawFile(s.orgPolicy);
    if (method === 'GET' && path === `${repoPath}/pulls/${s.number}/files`)
      return this.filesPage(Number(params.get('page') ?? '1'), Number(params.get('per_page') ?? '30'));
    const tree = new RegExp(`^${repoPath}/git/trees/(\\w+)$`).exec(path);
    if (method === 'GET' && tree) return this.tree(tree[1]!, params.get('recursive') !== null);
    const blob = new RegExp(`^${repoPath}/git/blobs/(\\w+)$`).exec(path);
    if (method === 'GET' && blob) return this.blob(blob[1]!);
    if (method === 'POST' && path === `${repoPath}/check-runs`)
      return this.checkRun('create', this.#nextCheckRunId++, body);
    const update = new RegExp(`^${repoPath}/check-runs/(\\d+)$`).exec(path);
    if (method === 'PATCH' && update) return this.checkRun('update', Number(update[1]), body);
    const read = update && this.runs.get(Number(update[1]));
    if (method === 'GET' && read) return [200, read];
    if (method === 'POST' && path === `${repoPath}/issues`) {
      const number = 900 + this.issues.length;
      this.issues.push({ number, ...(body as { title: string; body: string; assignees?: string[] }) });
      this.#issueTimes.push(this.clock);
      return [201, this.issueAt(this.issues.length - 1)];
    }
    if (method === 'GET' && path === `${repoPath}/issues`) return this.issuesPage(params);
    const comment = new RegExp(`^${repoPath}/issues/(\\d+)/comments$`).exec(path);
    if (method === 'POST' && comment) {
      this.comments.push({ issue: Number(comment[1]), body: (body as { body: string }).body });
      this.#commentTimes.push(this.clock);
      return [201, this.commentAt(this.comments.length - 1)];
    }
    if (method === 'GET' && comment) return this.commentsPage(Number(comment[1]), params);
    const editComment = new RegExp(`^${repoPath}/issues/comments/(\\d+)$`).exec(path);
    if (method === 'PATCH' && editComment && this.comments[Number(editComment[1]) - 1]) {
      this.comments[Number(editComment[1]) - 1]!.body = (body as { body: string }).body;
      return [200, this.commentAt(Number(editComment[1]) - 1)];
    }
    const runsOfRef = new RegExp(`^${repoPath}/commits/(\\w+)/check-runs$`).exec(path);
    if (method === 'GET' && runsOfRef) {
      const runs = [...this.runs.values()].filter(
        (run) => run.head_sha === runsOfRef[1] && (!params.get('check_name') || run.name === params.get('check_name')),
      );
      return [200, { total_count: runs.length, check_runs: runs.map((run) => ({ ...run, app: { id: 123 } })) }];
    }
    const actions = actionsAnswer(s, method, path, params);
    if (actions) return actions;
    this.unexpected.push(`${method} ${path}`);
    return [599, { message: `the fake GitHub does not know ${method} ${path}` }];
  }

  /** What a finished test must leave behind: no request the fake did not expect, no fault left unserved. */
  leftovers(): string[] {
    const unserved = [...this.faults].flatMap(([route, faults]) =>
      faults.map((f) => `fault ${f.status} for ${route} was never requested`),
    );
    return [...this.unexpected.map((r) => `unexpected request ${r}`), ...unserved];
  }

  checkRun(action: 'create' | 'update', id: number, body: unknown): [number, unknown] {
    const fields = body as Record<string, unknown>;
    this.checkRuns.push({ id, action, body: fields });
    const before = this.runs.get(id);
    const pick = <T>(key: string, fallback: T): T => (key in fields ? (fields[key] as T) : fallback);
    this.runs.set(id, {
      id,
      head_sha: pick('head_sha', before?.head_sha ?? ''),
      name: pick('name', before?.name ?? ''),
      status: pick('status', before?.status ?? 'queued'),
      conclusion: pick('conclusion', before?.conclusion ?? null),
      external_id: pick('external_id', before?.external_id ?? null),
      output: pick('output', before?.output ?? null),
    });
    return [action === 'create' ? 201 : 200, { id, ...(body as object) }];
  }

  issueAt(index: number): Record<string, unknown> {
    const s = this.scenario;
    const issue = this.issues[index]!;
    const at = this.#issueTimes[index] ?? this.clock;
    return {
      ...issue,
      html_url: `https://github.com/${s.owner}/${s.name}/issues/${issue.number}`,
      created_at: at,
      updated_at: at,
      user: { login: 'four-eyes[bot]', type: 'Bot' },
    };
  }

  commentAt(index: number): Record<string, unknown> {
    const s = this.scenario;
    const { issue, body } = this.comments[index]!;
    const at = this.#commentTimes[index] ?? this.clock;
    return {
      id: index + 1,
      body,
      html_url: `https://github.com/${s.owner}/${s.name}/issues/${issue}#issuecomment-${index + 1}`,
      created_at: at,
      updated_at: at,
      user: { login: 'four-eyes[bot]', type: 'Bot' },
    };
  }

  /** `GET /issues`: newest first (as Four Eyes asks), updated since `since`, paginated. */
  issuesPage(params: URLSearchParams): [number, unknown] {
    const since = params.get('since');
    const all = this.issues
      .map((_, i) => this.issueAt(i))
      .filter((issue) => !since || Date.parse(issue.updated_at as string) >= Date.parse(since));
    if (params.get('direction') !== 'asc') all.reverse();
    return [200, page(all, params)];
  }

  /** `GET /issues/<n>/comments`: oldest first, updated since `since`, paginated. */
  commentsPage(issue: number, params: URLSearchParams): [number, unknown] {
    const since = params.get('since');
    const all = this.comments
      .map((_, i) => this.commentAt(i))
      .filter(
        (c, i) =>
          this.comments[i]!.issue === issue && (!since || Date.parse(c.updated_at as string) >= Date.parse(since)),
      );
    return [200, page(all, params)];
  }

  filesPage(page: number, perPage: number): [number, unknown, Record<string, string>] {
    const s = this.scenario;
    const all = s.files.slice(0, 3000).map((f) => ({
      filename: f.path,
      status: f.status,
      sha: f.head === undefined ? '0'.repeat(40) : f.submodule ? f.head : gitBlobSha(f.head),
      ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
      ...(f.submodule ? { patch: submodulePatch(f.base, f.head) } : patchOf(f)),
      additions: 1,
      deletions: 0,
      changes: 1,
    }));
    const start = (page - 1) * perPage;
    const headers: Record<string, string> = {};
    if (start + perPage < all.length)
      headers.link = `<${API}/repos/${s.owner}/${s.name}/pulls/${s.number}/files?per_page=${perPage}&page=${page + 1}>; rel="next"`;
    return [200, all.slice(start, start + perPage), headers];
  }

  blob(sha: string): [number, unknown] {
    const file = this.textOf(sha);
    return file === undefined
      ? [404, { message: 'Not Found' }]
      : [
          200,
          { sha, encoding: 'base64', content: Buffer.from(file).toString('base64'), size: Buffer.byteLength(file) },
        ];
  }

  /** The files of a side: the unchanged ones and the changed ones as they are there. */
  filesAt(sha: string): { path: string; content: string; mode?: string }[] | null {
    const s = this.scenario;
    if (s.trees?.[sha]) return s.trees[sha];
    if (sha !== s.baseSha && sha !== s.headSha) return null;
    const changed = s.files.flatMap((f) => {
      const content = sha === s.baseSha ? f.base : f.head;
      const path = sha === s.baseSha ? (f.previousPath ?? f.path) : f.path;
      const mode = f.submodule ? '160000' : sha === s.headSha ? f.headMode : undefined;
      return content === undefined ? [] : [{ path, content, ...(mode ? { mode } : {}) }];
    });
    return [...s.unchangedFiles, ...changed];
  }

  /** `git/trees/<sha>?recursive=1`: every blob with its size, and the directories, as GitHub lists them. */
  tree(sha: string, recursive: boolean): [number, unknown] {
    const files = this.filesAt(sha);
    if (files === null || !recursive) return [404, { message: 'Not Found' }];
    const directories = new Set(
      files.flatMap((f) =>
        f.path
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    const tree = [
      ...[...directories].map((path) => ({ path, mode: '040000', type: 'tree', sha: 'd'.repeat(40) })),
      ...files.map((f) =>
        f.mode === '160000'
          ? { path: f.path, mode: f.mode, type: 'commit', sha: f.content }
          : {
              path: f.path,
              mode: f.mode ?? '100644',
              type: 'blob',
              sha: gitBlobSha(f.content),
              size: Buffer.byteLength(f.content),
            },
      ),
    ].sort((a, b) => (a.path < b.path ? -1 : 1));
    return [200, { sha, url: `${API}/repos/x/git/trees/${sha}`, tree, truncated: this.scenario.treeTruncated }];
  }

  /** Any text of the scenario by its blob SHA. */
  textOf(sha: string): string | undefined {
    const s = this.scenario;
    const texts = [
      ...s.files.flatMap((f) => (f.submodule ? [] : [f.base, f.head])),
      ...s.unchangedFiles.map((f) => f.content),
      ...Object.values(s.trees ?? {}).flatMap((files) => files.map((f) => f.content)),
    ];
    return texts.find((text) => text !== undefined && gitBlobSha(text) === sha);
  }

  graphql(operation: string, variables: Record<string, unknown>): unknown {
    const s = this.scenario;
    if (operation === 'FourEyesPullRequest')
      return {
        data: {
          repository: {
            owner: { __typename: s.ownerType },
            pullRequest: this.pullRequest(variables),
            ...this.blobs(variables),
          },
        },
      };
    if (operation === 'FourEyesBlobs') return { data: { repository: this.blobs(variables) } };
    if (operation === 'FourEyesTeams') {
      const org: Record<string, unknown> = {};
      for (const [key, login] of Object.entries(variables)) {
        if (/^u\d+$/.test(key))
          org[`t${key.slice(1)}`] = {
            totalCount: (s.teams[login as string] ?? []).length,
            nodes: (s.teams[login as string] ?? []).map((slug) => ({ slug })),
          };
      }
      return { data: { organization: org } };
    }
    if (operation === 'FourEyesTeamMembers') {
      const org: Record<string, unknown> = {};
      for (const [key, slug] of Object.entries(variables)) {
        const members = /^s\d+$/.test(key) ? s.teamMembers?.[slug as string] : undefined;
        if (/^s\d+$/.test(key))
          org[`m${key.slice(1)}`] = members
            ? { members: { totalCount: members.length, nodes: members.map((login) => ({ login })) } }
            : null;
      }
      return { data: { organization: org } };
    }
    if (operation === 'FourEyesPullRequestsForCommit')
      return { data: { repository: { object: { associatedPullRequests: { nodes: s.associated } } } } };
    if (operation === 'FourEyesPullRequestsSearch') return { data: { search: { nodes: [] } } };
    if (operation === 'FourEyesTreeModes') {
      const trees: Record<string, unknown> = {};
      for (const [key, expression] of Object.entries(variables))
        if (/^d\d+$/.test(key)) trees[key] = treeEntriesAt(expression, (sha) => this.filesAt(sha));
      return { data: { repository: trees } };
    }
    if (operation === 'FourEyesFileAtTwoCommits') {
      const at = (expression: unknown) => blobAtExpression(expression, (sha) => this.filesAt(sha), gitBlobSha);
      return { data: { repository: { base: at(variables.base), head: at(variables.head) } } };
    }
    this.unexpected.push(`GraphQL ${operation}`);
    return { errors: [{ message: `the fake GitHub does not know ${operation}` }] };
  }

  /** `object(oid:)` lookups as GitHub answers them: no text for binary blobs, a truncated one beyond 512 KB. */
  blobs(variables: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, oid] of Object.entries(variables)) {
      if (!/^o\d+$/.test(key)) continue;
      const text = this.textOf(oid as string);
      if (text === undefined) {
        out[`b${key.slice(1)}`] = null;
        continue;
      }
      const byteSize = Buffer.byteLength(text);
      const binary = text.includes('\0');
      const truncated = !binary && byteSize > GRAPHQL_TEXT_BYTES;
      out[`b${key.slice(1)}`] = {
        oid,
        text: binary ? null : truncated ? text.slice(0, GRAPHQL_TEXT_BYTES) : text,
        isTruncated: truncated,
        isBinary: binary,
        byteSize,
      };
    }
    return out;
  }

  pullRequest(v: Record<string, unknown>): unknown {
    const s = this.scenario;
    const page = <T>(items: T[], after: unknown) => {
      const start = after ? Number(after) : 0;
      const nodes = items.slice(start, start + 100);
      return { pageInfo: { hasNextPage: start + 100 < items.length, endCursor: String(start + nodes.length) }, nodes };
    };
    const actor = (login: string, bot = false) => ({
      __typename: bot ? 'Bot' : 'User',
      login: bot ? login.replace(/\[bot\]$/, '') : login,
    });
    const gitActor = (a: { login: string | null; email: string; name: string }) => ({
      email: a.email,
      name: a.name,
      user: a.login ? { login: a.login } : null,
    });
    const pr: Record<string, unknown> = {
      number: s.number,
      state: s.state,
      changedFiles: s.changedFiles ?? s.files.length,
      baseRefName: s.baseRef,
      baseRefOid: s.baseSha,
      headRefName: s.headRef,
      headRefOid: s.headSha,
      author: actor(s.author.login, s.author.bot),
    };
    if (v.commits)
      pr.commits = {
        totalCount: s.commits.length,
        ...page(
          s.commits.map((c) => ({
            commit: {
              oid: c.oid,
              parents: { nodes: (c.parents ?? []).map((oid) => ({ oid })) },
              authors: { nodes: c.authors.map(gitActor) },
              committer: gitActor(c.committer ?? c.authors[0]!),
            },
          })),
          v.commitsAfter,
        ),
      };
    if (v.reviews)
      pr.reviews = page(
        s.reviews.map((r) => ({
          databaseId: r.id,
          state: r.state,
          submittedAt: r.submittedAt,
          authorCanPushToRepository: r.canPush ?? true,
          commit: { oid: r.commitOid },
          author: actor(r.login, r.bot),
        })),
        v.reviewsAfter,
      );
    if (v.timeline)
      pr.timelineItems = page(
        s.forcePushes.map((p) => ({ createdAt: p.at, actor: actor(p.login), afterCommit: { oid: p.afterOid } })),
        v.timelineAfter,
      );
    if (v.labels)
      pr.labels = page(
        s.labels.map((name) => ({ name })),
        v.labelsAfter,
      );
    return pr;
  }
}

function page<T>(items: T[], params: URLSearchParams): T[] {
  const perPage = Number(params.get('per_page') ?? '30');
  const start = (Number(params.get('page') ?? '1') - 1) * perPage;
  return items.slice(start, start + perPage);
}

function rawFile(text: string | null): [number, unknown, Record<string, string>] {
  return text === null
    ? [404, { message: 'Not Found' }, {}]
    : [200, text, { 'content-type': 'application/vnd.github.raw+json; charset=utf-8' }];
}

/** Git's blob id of a text, as GitHub reports it. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A file's `patch` as GitHub lists it (see ScenarioFile.patch). */
function patchOf(file: ScenarioFile): { patch?: string } {
  if (file.patch === null) return {};
  if (file.patch !== undefined) return { patch: file.patch };
  return file.base !== undefined && file.head !== undefined ? { patch: unifiedDiff(file.base, file.head) } : {};
}

/** What GitHub's file list shows for a submodule moved from one commit to another. */
function submodulePatch(base: string | undefined, head: string | undefined): string {
  const lines = [base && `-Subproject commit ${base}`, head && `+Subproject commit ${head}`].filter(Boolean);
  return `@@ -${base ? 1 : 0} +${head ? 1 : 0} @@\n${lines.join('\n')}`;
}
