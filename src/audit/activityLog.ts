import type { BreakGlassRequest, PushFacts } from '../policy/facts.js';

/**
 * What the app learns from webhooks and cannot ask GitHub for later: who pushed which SHA, which
 * break-glass request was made on which head SHA, and the impact digest of each evaluated head
 * (for `retain_approvals: same-impact`). Kept in the audit store (src/audit/storeActivityLog.ts);
 * each recording is idempotent per webhook delivery.
 */
export interface ActivityLog {
  recordPush(repository: string, branch: string, push: PushFacts, deliveryId: string | null): Promise<void>;
  /** a PR's `synchronize`: its sender pushed to the PR (forks' branches send us no `push`) */
  recordPullRequestPush(
    repository: string,
    pullRequest: number,
    push: PushFacts,
    deliveryId: string | null,
  ): Promise<void>;
  /**
   * The pushes to the pull request, and those to its branch of `shas` (its commits and head: a
   * branch's other pushes say nothing about this pull request, and a busy branch has thousands).
   */
  pushes(
    repository: string,
    branch: string,
    pullRequest: number,
    shas: readonly string[],
  ): Promise<{ toBranch: PushFacts[]; toPullRequest: PushFacts[] }>;
  recordBreakGlass(
    repository: string,
    pullRequest: number,
    request: BreakGlassRequest,
    deliveryId: string | null,
  ): Promise<void>;
  breakGlass(repository: string, pullRequest: number): Promise<BreakGlassRequest[]>;
  /** the impact digest of each of `heads` evaluated before, by head SHA (the heads reviews approved) */
  impactDigests(repository: string, pullRequest: number, heads: readonly string[]): Promise<Record<string, string>>;
}
