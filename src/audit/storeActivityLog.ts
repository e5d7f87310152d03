import type { BreakGlassRequest, PushFacts } from '../policy/facts.js';
import type { AuditStore } from './auditStore.js';
import type { PushRecord } from './records.js';

/**
 * The facts only webhooks tell, kept as audit records: pushes and break-glass requests, and
 * decisions' digests. The app's ActivityLog (src/github/activityLog.ts).
 */
export class StoreActivityLog {
  constructor(
    readonly store: AuditStore,
    readonly now: () => Date,
  ) {}

  async recordPush(repository: string, branch: string, push: PushFacts, deliveryId: string | null): Promise<void> {
    await this.store.appendOnce({
      kind: 'push',
      repository,
      pullRequest: null,
      deliveryId,
      recordedAt: this.now().toISOString(),
      data: { branch, ...push },
    });
  }

  async recordPullRequestPush(
    repository: string,
    pullRequest: number,
    push: PushFacts,
    deliveryId: string | null,
  ): Promise<void> {
    await this.store.appendOnce({
      kind: 'push',
      repository,
      pullRequest,
      deliveryId,
      recordedAt: this.now().toISOString(),
      data: { ...push },
    });
  }

  async pushes(
    repository: string,
    branch: string,
    pullRequest: number,
    shas: readonly string[],
  ): Promise<{ toBranch: PushFacts[]; toPullRequest: PushFacts[] }> {
    const toBranch = (await this.store.dataOf('push', repository, null, { shas }))
      .filter((push) => push.branch === branch)
      .map(pushFacts);
    return { toBranch, toPullRequest: (await this.store.dataOf('push', repository, pullRequest)).map(pushFacts) };
  }

  async recordBreakGlass(
    repository: string,
    pullRequest: number,
    request: BreakGlassRequest,
    deliveryId: string | null,
  ): Promise<void> {
    await this.store.appendOnce({
      kind: 'break-glass-request',
      repository,
      pullRequest,
      deliveryId,
      recordedAt: this.now().toISOString(),
      data: { ...request },
    });
  }

  async breakGlass(repository: string, pullRequest: number): Promise<BreakGlassRequest[]> {
    return (await this.store.dataOf('break-glass-request', repository, pullRequest)).map((d) => ({
      author: d.author,
      text: d.text,
      at: d.at,
      sha: d.sha,
    }));
  }

  async impactDigests(
    repository: string,
    pullRequest: number,
    heads: readonly string[],
  ): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    if (heads.length === 0) return digests;
    for (const decision of await this.store.dataOf('decision', repository, pullRequest, { shas: heads }))
      digests[decision.headSha] = decision.impactDigest;
    return digests;
  }
}

/** The push without the branch it was recorded under. */
function pushFacts(data: PushRecord): PushFacts {
  return { login: data.login, sha: data.sha, at: data.at, forced: data.forced };
}
