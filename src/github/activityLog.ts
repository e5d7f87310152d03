import type { BreakGlassRequest, PushFacts } from '../policy/facts.js';

/**
 * What the app learns from webhooks and cannot ask GitHub for later: who pushed which SHA, which
 * break-glass request was made on which head SHA, and the impact digest of each evaluated head
 * (for `retain_approvals: same-impact`). The in-memory log forgets on restart, which can only
 * withhold a pass (a forgotten break-glass or digest never counts), never grant one; a
 * persistent store replaces it (docs/deployment.md).
 */
export interface ActivityLog {
  recordPush(repository: string, branch: string, push: PushFacts): Promise<void>;
  /** pushes to a branch, and pushes seen as a PR's `synchronize` (forks' branches are not ours to watch) */
  pushes(repository: string, branch: string, pullRequest: number): Promise<{ toBranch: PushFacts[]; toPullRequest: PushFacts[] }>;
  recordPullRequestPush(repository: string, pullRequest: number, push: PushFacts): Promise<void>;
  recordBreakGlass(repository: string, pullRequest: number, request: BreakGlassRequest): Promise<void>;
  breakGlass(repository: string, pullRequest: number): Promise<BreakGlassRequest[]>;
  recordImpactDigest(repository: string, pullRequest: number, sha: string, digest: string): Promise<void>;
  impactDigests(repository: string, pullRequest: number): Promise<Record<string, string>>;
}

export class InMemoryActivityLog implements ActivityLog {
  readonly #branchPushes = new Map<string, PushFacts[]>();
  readonly #prPushes = new Map<string, PushFacts[]>();
  readonly #breakGlass = new Map<string, BreakGlassRequest[]>();
  readonly #digests = new Map<string, Record<string, string>>();

  async recordPush(repository: string, branch: string, push: PushFacts): Promise<void> {
    append(this.#branchPushes, `${repository}:${branch}`, push);
  }

  async recordPullRequestPush(repository: string, pullRequest: number, push: PushFacts): Promise<void> {
    append(this.#prPushes, `${repository}#${pullRequest}`, push);
  }

  async pushes(repository: string, branch: string, pullRequest: number): Promise<{ toBranch: PushFacts[]; toPullRequest: PushFacts[] }> {
    return { toBranch: [...(this.#branchPushes.get(`${repository}:${branch}`) ?? [])], toPullRequest: [...(this.#prPushes.get(`${repository}#${pullRequest}`) ?? [])] };
  }

  async recordBreakGlass(repository: string, pullRequest: number, request: BreakGlassRequest): Promise<void> {
    append(this.#breakGlass, `${repository}#${pullRequest}`, request);
  }

  async breakGlass(repository: string, pullRequest: number): Promise<BreakGlassRequest[]> {
    return [...(this.#breakGlass.get(`${repository}#${pullRequest}`) ?? [])];
  }

  async recordImpactDigest(repository: string, pullRequest: number, sha: string, digest: string): Promise<void> {
    const key = `${repository}#${pullRequest}`;
    this.#digests.set(key, { ...this.#digests.get(key), [sha]: digest });
  }

  async impactDigests(repository: string, pullRequest: number): Promise<Record<string, string>> {
    return { ...this.#digests.get(`${repository}#${pullRequest}`) };
  }
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key) ?? [];
  // Never trimmed: a forgotten push would let its pusher approve.
  list.push(item);
  map.set(key, list);
}
