// A recorded GitHub for the app benchmark: the responses GitHub gives for one synthetic pull
// request, served from memory through Octokit's `request.fetch`, with every request counted.
// No network, no nock: the bench measures the app, not an HTTP mock.

import { createHash } from 'node:crypto';

const API = 'https://api.github.com';

function blobSha(text) {
  const bytes = Buffer.from(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The body as bytes, as they come off the network: a string body makes undici check every
 * character for lone surrogates (`toUSVString`), a cost of the replay's, not of the app's.
 */
function json(status, body, headers = {}) {
  return bytes(status, Buffer.from(JSON.stringify(body)), headers);
}

function bytes(status, body, headers = {}) {
  return new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** The app lists a pull request's files 100 a page: those pages are made ahead. */
const FILES_PER_PAGE = 100;

/**
 * GitHub's `patch` of a file whose head only appends lines to its base (the bench's edits): the
 * base's last three lines as context, then the added lines. Any other edit gets none, as GitHub
 * gives none for a very large diff: the app reads that head.
 */
function appendPatch(base, head) {
  if (base === undefined || head === undefined || !base.endsWith('\n') || !head.startsWith(base)) return {};
  const before = base.slice(0, -1).split('\n');
  const added = head.slice(base.length).split('\n');
  const endsLine = added.at(-1) === '';
  if (endsLine) added.pop();
  const ending = endsLine ? [] : ['\\ No newline at end of file'];
  const context = before.slice(-3);
  const from = before.length - context.length + 1;
  const header = `@@ -${from},${context.length} +${from},${context.length + added.length} @@`;
  return { patch: [header, ...context.map((l) => ` ${l}`), ...added.map((l) => `+${l}`), ...ending].join('\n') };
}

function blobAnswer(oid, text) {
  return { oid, text, isTruncated: false, isBinary: false, byteSize: Buffer.byteLength(text) };
}

/**
 * pr: { owner, name, number, baseSha, headSha, files: [{ path, base, head }], unchanged?: [{ path, content }], reviews: [...], policy }
 * (`files` are the PR's changes; `unchanged` the repository's other files, the same at base and head).
 * Returns { fetch, requests, use, prepare } where requests lists "METHOD route" of every API
 * request, use(pr) serves another pull request of the same repository from then on, and
 * prepare(pr) makes the answers for one ahead (GitHub's work, done before a measure starts).
 */
export function replayGitHub(initial) {
  const requests = [];
  let pr = initial;
  // Each text's SHA computed once: the replay stands for GitHub, whose work is not the app's.
  const shas = new Map();
  const shaOf = (text) => {
    let sha = shas.get(text);
    if (sha === undefined) {
      sha = blobSha(text);
      shas.set(text, sha);
    }
    return sha;
  };
  const textBySha = new Map();
  // Each blob's answer as bytes, made once when the pull request is served: GitHub's encoding work,
  // which on the bench's one thread would otherwise delay the app's (23 MB for the 1,000-file PR).
  const blobBytes = new Map();
  const indexText = (text) => {
    const oid = shaOf(text);
    textBySha.set(oid, text);
    if (!blobBytes.has(oid)) blobBytes.set(oid, Buffer.from(JSON.stringify(blobAnswer(oid, text))));
  };
  // The listing's pages and the tree, as bytes, made once per pull request too: GitHub's work.
  const answers = new WeakMap();
  const answersOf = (of) => {
    let made = answers.get(of);
    if (!made) {
      made = { tree: null, pages: new Map() };
      answers.set(of, made);
    }
    return made;
  };
  const index = (of = pr) => {
    for (const file of of.files) for (const text of [file.base, file.head]) if (text !== undefined) indexText(text);
    for (const file of of.unchanged ?? []) indexText(file.content);
    const made = answersOf(of);
    made.tree ??= Buffer.from(JSON.stringify({ sha: of.baseSha, tree: tree(of), truncated: false }));
    for (let page = 1; (page - 1) * FILES_PER_PAGE < of.files.length; page++)
      if (!made.pages.has(page)) made.pages.set(page, listingPage(of, page, FILES_PER_PAGE));
  };
  /** Serves `next` from now on; `prepare` indexes pull requests to serve later, before a measure starts. */
  const use = (next) => {
    pr = next;
    index();
  };
  const prepare = (next) => index(next);
  const repoPath = () => `/repos/${pr.owner}/${pr.name}`;
  const blobs = (variables) => {
    const out = {};
    for (const [key, oid] of Object.entries(variables)) {
      if (!/^o\d+$/.test(key)) continue;
      const text = textBySha.get(oid);
      out[`b${key.slice(1)}`] = text === undefined ? null : blobAnswer(oid, text);
    }
    return out;
  };
  /** The FourEyesBlobs answer, put together from each blob's bytes. */
  const blobsResponse = (variables) => {
    const parts = [Buffer.from('{"data":{"repository":{')];
    for (const [key, oid] of Object.entries(variables)) {
      if (!/^o\d+$/.test(key)) continue;
      if (parts.length > 1) parts.push(Buffer.from(','));
      parts.push(Buffer.from(`"b${key.slice(1)}":`), blobBytes.get(oid) ?? Buffer.from('null'));
    }
    parts.push(Buffer.from('}}}'));
    return new Response(Buffer.concat(parts), {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  };
  const tree = (of) =>
    [
      ...(of.unchanged ?? []).map((f) => ({ path: f.path, text: f.content })),
      ...of.files.filter((f) => f.base !== undefined).map((f) => ({ path: f.path, text: f.base })),
    ].map(({ path, text }) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: shaOf(text),
      size: Buffer.byteLength(text),
    }));
  const pullRequest = () => ({
    number: pr.number,
    state: 'OPEN',
    changedFiles: pr.files.length,
    baseRefName: 'main',
    baseRefOid: pr.baseSha,
    headRefName: 'feature',
    headRefOid: pr.headSha,
    author: { __typename: 'User', login: 'alice' },
    commits: {
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [
        {
          commit: {
            oid: pr.headSha,
            parents: { nodes: [{ oid: pr.baseSha }] },
            authors: { nodes: [{ email: 'alice@acme.example', name: 'Alice', user: { login: 'alice' } }] },
            committer: { email: 'alice@acme.example', name: 'Alice', user: { login: 'alice' } },
          },
        },
      ],
    },
    reviews: {
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: pr.reviews.map((login, i) => ({
        databaseId: i + 1,
        state: 'APPROVED',
        submittedAt: '2026-11-24T10:00:00Z',
        authorCanPushToRepository: true,
        commit: { oid: pr.headSha },
        author: { __typename: 'User', login },
      })),
    },
    timelineItems: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    labels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  });
  /** A page of the changed files, as GitHub lists them. */
  const listingPage = (of, page, perPage) => {
    const start = (page - 1) * perPage;
    const listed = of.files.slice(start, start + perPage).map((f) => ({
      filename: f.path,
      status: 'modified',
      ...appendPatch(f.base, f.head),
      sha: shaOf(f.head),
      additions: 1,
      deletions: 1,
      changes: 2,
    }));
    return Buffer.from(JSON.stringify(listed));
  };
  index();
  let checkRunId = 1;
  async function fetch(input, init = {}) {
    // An answer comes over the network: in a later turn of the event loop, never within the same
    // chain of promises (else a run of requests would keep timers and other events waiting).
    await new Promise((resolve) => setImmediate(resolve));
    const url = new URL(typeof input === 'string' ? input : input.url, API);
    const method = (init.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname);
    const body = init.body ? JSON.parse(init.body) : null;
    const operation = path === '/graphql' ? /query (\w+)/.exec(body.query)?.[1] : '';
    if (!path.endsWith('/access_tokens')) requests.push(`${method} ${path}${operation ? ' ' + operation : ''}`);
    if (method === 'POST' && path.endsWith('/access_tokens'))
      return json(201, { token: 'ghs_bench', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    if (method === 'GET' && path === `${repoPath()}/git/trees/${pr.baseSha}`)
      return bytes(
        200,
        answersOf(pr).tree ?? Buffer.from(JSON.stringify({ sha: pr.baseSha, tree: tree(pr), truncated: false })),
      );
    if (method === 'GET' && path === `${repoPath()}/contents/.github/four-eyes.yml`) {
      return new Response(pr.policy, {
        status: 200,
        headers: { 'content-type': 'application/vnd.github.raw+json; charset=utf-8' },
      });
    }
    if (method === 'GET' && path === `${repoPath()}/pulls/${pr.number}/files`) {
      const page = Number(url.searchParams.get('page') ?? '1');
      const perPage = Number(url.searchParams.get('per_page') ?? '30');
      const start = (page - 1) * perPage;
      const headers =
        start + perPage < pr.files.length
          ? { link: `<${API}${repoPath()}/pulls/${pr.number}/files?per_page=${perPage}&page=${page + 1}>; rel="next"` }
          : {};
      const made = perPage === FILES_PER_PAGE ? answersOf(pr).pages.get(page) : undefined;
      return bytes(200, made ?? listingPage(pr, page, perPage), headers);
    }
    if (method === 'POST' && path === '/graphql') {
      if (operation === 'FourEyesPullRequest')
        return json(200, {
          data: {
            repository: { owner: { __typename: 'Organization' }, pullRequest: pullRequest(), ...blobs(body.variables) },
          },
        });
      if (operation === 'FourEyesBlobs') return blobsResponse(body.variables);
    }
    if (method === 'POST' && path === `${repoPath()}/check-runs`) return json(201, { id: checkRunId++ });
    if (method === 'PATCH' && path.startsWith(`${repoPath()}/check-runs/`))
      return json(200, { id: Number(path.split('/').pop()) });
    if (process.env.BENCH_DEBUG) console.error(`not recorded: ${method} ${path} ${operation}`);
    return json(599, { message: `not recorded: ${method} ${path} ${operation}` });
  }
  return { fetch, requests, use, prepare };
}

/** The webhook payload GitHub sends for `pr` (as replayGitHub takes it): a pull_request event by alice. */
export function pullRequestPayload(pr, action, installationId = 1) {
  const repository = {
    name: pr.name,
    full_name: `${pr.owner}/${pr.name}`,
    owner: { login: pr.owner },
    html_url: `https://github.com/${pr.owner}/${pr.name}`,
  };
  const pull = {
    number: pr.number,
    state: 'open',
    changed_files: pr.files.length,
    updated_at: '2026-11-24T10:00:00Z',
    base: { ref: 'main', sha: pr.baseSha },
    head: { ref: 'feature', sha: pr.headSha },
  };
  return {
    action,
    repository,
    pull_request: pull,
    installation: { id: installationId },
    sender: { login: 'alice', type: 'User' },
  };
}
