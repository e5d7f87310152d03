import { stringify } from 'yaml';
import { POLICY_PATH } from '../config/loadPolicy.js';
import { type PolicyInForce, policyInForce } from '../config/policyInForce.js';
import { gitBlobSha } from '../util/gitBlobSha.js';
import type { LruCache } from '../util/lruCache.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

/** The policy and the files it came from, each with its Git blob SHA (what the audit record names). */
export interface LoadedPolicy {
  state: PolicyInForce;
  files: { source: string; blobSha: string }[];
}

export interface CachedPolicy extends LoadedPolicy {
  /** when a mutable source (the org's `.github` repository, an `_extends` target) was read; null: immutable */
  readAt: number | null;
}

/** How long a policy read from a branch (not a commit) is trusted: the org fallback and `_extends` targets move. */
const MUTABLE_POLICY_TTL_MS = 60_000;

const CONTENTS_ROUTE = '/repos/{owner}/{repo}/contents/{path}';

/**
 * The policy that judges a PR: `.github/four-eyes.yml` at the base commit, read through Probot's
 * configuration plugin (`_extends`, and the org's `.github` repository when the repository has
 * none), validated with positions. A PR cannot weaken the rules that judge it. Read at a commit,
 * the repository's own file never changes, so it is cached by that commit.
 */
export async function loadBasePolicy(
  octokit: GitHubClient,
  repo: RepositoryRef,
  baseRef: string,
  baseSha: string,
  cache: LruCache<string, CachedPolicy>,
  now: number,
): Promise<LoadedPolicy> {
  const key = `${repo.owner}/${repo.name}@${baseSha}`;
  const cached = cache.get(key);
  if (cached && (cached.readAt === null || now - cached.readAt < MUTABLE_POLICY_TTL_MS))
    return { state: cached.state, files: cached.files };
  const texts = new Map<string, string>();
  const ownFile = `${repo.owner}/${repo.name}:${POLICY_PATH}`;
  let result: {
    config: Record<string, unknown>;
    files: { owner: string; repo: string; path: string; config: unknown }[];
  };
  try {
    result = await withRawContents(octokit, texts, () =>
      octokit.config.get({ owner: repo.owner, repo: repo.name, path: POLICY_PATH, branch: baseSha }),
    );
  } catch (error) {
    // An HTTP failure is GitHub's (the evaluation fails and says so); anything else is the file's.
    if (typeof (error as { status?: unknown }).status === 'number') throw error;
    const text = texts.get(ownFile);
    const source = `${baseRef}:${POLICY_PATH}`;
    const parsed = text === undefined ? null : policyInForce(source, { kind: 'text', text });
    const state =
      parsed && parsed.errors.length > 0
        ? parsed
        : policyInForce(source, { kind: 'unreadable', reason: (error as Error).message });
    const files = blobFiles(texts);
    cache.set(key, { state, files, readAt: now });
    return { state, files };
  }
  const { config, files } = result;
  const found = files.filter((file) => file.config !== null);
  let state: PolicyInForce;
  if (found.length === 0) {
    state = policyInForce(
      "built-in defaults (no .github/four-eyes.yml in the repository or the organization's .github repository)",
      { kind: 'absent' },
    );
  } else {
    const own = found.length === 1 && `${found[0]!.owner}/${found[0]!.repo}:${found[0]!.path}` === ownFile;
    const source = own
      ? `${baseRef}:${POLICY_PATH}`
      : found.map((file) => `${file.owner}/${file.repo}:${file.path}`).join(' extended by ');
    const single = found.length === 1 ? texts.get(`${found[0]!.owner}/${found[0]!.repo}:${found[0]!.path}`) : undefined;
    // One file: validate its own text, so errors point at its lines. Several: the merged result.
    const loaded = policyInForce(source, { kind: 'text', text: single ?? stringify(config) });
    state = loaded.errors.length > 0 && single === undefined ? { ...loaded, source: `${source} (merged)` } : loaded;
  }
  const immutable = files.length === 1 && found.length === 1;
  const loadedFiles = blobFiles(texts);
  cache.set(key, { state, files: loadedFiles, readAt: immutable ? null : now });
  return { state, files: loadedFiles };
}

function blobFiles(texts: Map<string, string>): LoadedPolicy['files'] {
  return [...texts].map(([source, text]) => ({ source, blobSha: gitBlobSha(text) }));
}

/** Runs `work` while keeping the raw text of every contents response, which the plugin parses and drops. */
async function withRawContents<T>(
  octokit: GitHubClient,
  texts: Map<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const capture = (response: { data: unknown }, options: Record<string, unknown>) => {
    if (options.url === CONTENTS_ROUTE && typeof response.data === 'string')
      texts.set(`${String(options.owner)}/${String(options.repo)}:${String(options.path)}`, response.data);
  };
  octokit.hook.after('request', capture);
  try {
    return await work();
  } finally {
    octokit.hook.remove('request', capture);
  }
}
