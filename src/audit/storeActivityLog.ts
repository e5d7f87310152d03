import type { BreakGlassRequest, PushFacts } from '../policy/facts.js';
import type { ActivityLog } from './activityLog.js';
import type { AuditStore } from './auditStore.js';

/** The facts only webhooks tell, kept as audit records: pushes and break-glass requests, and decisions' digests. */
export class StoreActivityLog implements ActivityLog {
  constructor(readonly store: AuditStore, readonly now: () => Date) {}

  async recordPush(repository: string, branch: string, push: PushFacts, deliveryId: string | null): Promise<void> {
    await this.store.appendOnce({ kind: 'push', repository, pullRequest: null, deliveryId, recordedAt: this.now().toISOString(), data: { branch, ...push } });
  }

  async recordPullRequestPush(repository: string, pullRequest: number, push: PushFacts, deliveryId: string | null): Promise<void> {
    await this.store.appendOnce({ kind: 'push', repository, pullRequest, deliveryId, recordedAt: this.now().toISOString(), data: { ...push } });
  }

  async pushes(repository: string, branch: string, pullRequest: number): Promise<{ toBranch: PushFacts[]; toPullRequest: PushFacts[] }> {
    const toBranch = (await this.store.dataOf('push', repository, null)).filter((push) => push.branch === branch).map(pushFacts);
    return { toBranch, toPullRequest: (await this.store.dataOf('push', repository, pullRequest)).map(pushFacts) };
  }

  async recordBreakGlass(repository: string, pullRequest: number, request: BreakGlassRequest, deliveryId: string | null): Promise<void> {
    await this.store.appendOnce({ kind: 'break-glass-request', repository, pullRequest, deliveryId, recordedAt: this.now().toISOString(), data: { ...request } });
  }

  async breakGlass(repository: string, pullRequest: number): Promise<BreakGlassRequest[]> {
    return (await this.store.dataOf('break-glass-request', repository, pullRequest)).map((d) => ({ author: String(d.author), text: String(d.text), at: String(d.at), sha: String(d.sha) }));
  }

  async impactDigests(repository: string, pullRequest: number): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    for (const decision of await this.store.dataOf('decision', repository, pullRequest)) digests[String(decision.headSha)] = String(decision.impactDigest);
    return digests;
  }
}

function pushFacts(data: Record<string, unknown>): PushFacts {
  return { login: String(data.login), sha: String(data.sha), at: String(data.at), forced: data.forced === true };
}
