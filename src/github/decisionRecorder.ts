import type { Logger } from 'probot';
import type { OutboxItem } from '../audit/outbox.js';
import type { CheckRunOutput, CheckRunPost, CheckTarget, StartedCheck } from '../audit/outboxPosts.js';
import type { AuditServices } from '../audit/services.js';
import type { Policy } from '../model/policy.js';
import type { Decision } from '../policy/decision.js';
import { completeCheck } from './checkRunWriter.js';
import { EXCEPTION_LOG_TITLE, exceptionPosts } from './exceptionLog.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { fullName } from './octokit.js';

export interface DecisionToRecord {
  decision: Decision;
  deliveryId: string | null;
  policy: Policy;
  policyFiles: { source: string; blobSha: string }[];
  target: CheckTarget;
  started: StartedCheck | null;
  repositoryUrl: string;
  /** the check run's output, given the line that names the audit record */
  render: (auditFooter: string) => CheckRunOutput;
}

/**
 * Records a decision, then posts it. The decision, its exception or break-glass records and
 * everything to post (the check run, the exception log) are written in one transaction; posting
 * comes after and marks each post done. A crash in between loses nothing: the next evaluation of
 * the pull request, or the webhook's re-delivery, posts what is still pending.
 */
export class DecisionRecorder {
  constructor(readonly audit: AuditServices, readonly now: () => Date, readonly log: Logger) {}

  /** Whether this delivery already recorded a decision for this pull request (then only posting is left). */
  async alreadyRecorded(deliveryId: string | null, repo: RepositoryRef, number: number): Promise<boolean> {
    return deliveryId !== null && (await this.audit.records.recordsOfDelivery(deliveryId, fullName(repo), number, 'decision')).length > 0;
  }

  async record(entry: DecisionToRecord): Promise<number | null> {
    const { decision, deliveryId } = entry;
    const now = this.now();
    const repository = decision.repository;
    return this.audit.transaction(async (tx) => {
      const data = { ...decision, checkName: entry.target.name, policyFiles: entry.policyFiles };
      const record = await tx.appendOnce({ kind: 'decision', repository, pullRequest: decision.number, deliveryId, recordedAt: now.toISOString(), data });
      if (record === null) return null;
      const common = { repository, pullRequest: decision.number, deliveryId, recordedAt: now.toISOString() };
      if (decision.exception) await tx.append([{ ...common, kind: 'exception', data: { decisionSeq: record.seq, headSha: decision.headSha, tier: decision.tier, ...decision.exception } }]);
      if (decision.breakGlass) await tx.append([{ ...common, kind: 'break-glass', data: { decisionSeq: record.seq, headSha: decision.headSha, tier: decision.tier, ...decision.breakGlass } }]);
      const footer = `\n\n---\n_Audit record #${record.seq} (${record.hash.slice(0, 23)}…): \`four-eyes audit verify --expect ${record.seq}:${record.hash}\`_\n`;
      const post: CheckRunPost = { target: entry.target, started: entry.started, conclusion: decision.conclusion, output: entry.render(footer) };
      const item = { deliveryId, repository, pullRequest: decision.number, decisionSeq: record.seq };
      await tx.addPost({ ...item, action: 'check-run', payload: post }, now);
      const links = { pullRequestUrl: `${entry.repositoryUrl}/pull/${decision.number}`, commitUrl: `${entry.repositoryUrl}/commit/${decision.headSha}`, checkRunsUrl: `${entry.repositoryUrl}/commit/${decision.headSha}/checks` };
      for (const github of exceptionPosts(decision, entry.policy, links)) await tx.addPost({ ...item, ...github }, now);
      return record.seq;
    });
  }

  /**
   * Posts everything pending for the pull request, oldest first. A post that fails stays pending
   * (and is logged); returns whether nothing is left.
   */
  async flush(octokit: GitHubClient, repo: RepositoryRef, number: number): Promise<{ complete: boolean; checkRunId: number | null }> {
    let checkRunId: number | null = null;
    for (const item of await this.audit.outbox.pending(fullName(repo), number)) {
      try {
        const result = await this.post(octokit, repo, item);
        if (item.action === 'check-run') checkRunId = Number(result);
        await this.audit.outbox.done(item.id, result, this.now());
      } catch (error) {
        this.log.error({ err: error, action: item.action, decision: item.decisionSeq }, 'four-eyes: posting failed; it stays pending');
        return { complete: false, checkRunId };
      }
    }
    return { complete: true, checkRunId };
  }

  async post(octokit: GitHubClient, repo: RepositoryRef, item: OutboxItem): Promise<string> {
    const owner = repo.owner;
    const name = repo.name;
    switch (item.action) {
      case 'check-run': {
        const post = item.payload;
        const id = await completeCheck(octokit, post.target, post.started, post.conclusion, post.output, this.now());
        await this.audit.records.append([{
          kind: 'check-run', repository: item.repository, pullRequest: item.pullRequest, deliveryId: item.deliveryId, recordedAt: this.now().toISOString(),
          data: { decisionSeq: item.decisionSeq, checkRunId: id, headSha: post.target.headSha, name: post.target.name, conclusion: post.conclusion },
        }]);
        return String(id);
      }
      case 'exception-log': {
        const issue = item.payload.issueNumber ?? await this.trackingIssue(octokit, repo);
        const { data } = await octokit.rest.issues.createComment({ owner, repo: name, issue_number: issue, body: item.payload.body });
        return data.html_url;
      }
      case 'follow-up-issue': {
        const base = { owner, repo: name, title: item.payload.title, body: item.payload.body };
        // An owner who cannot be assigned (no access) must not lose the issue: open it unassigned, they are mentioned.
        const { data } = await octokit.rest.issues.create({ ...base, assignees: item.payload.assignees }).catch(() => octokit.rest.issues.create(base));
        return data.html_url;
      }
      case 'mention-owners': {
        const { data } = await octokit.rest.issues.createComment({ owner, repo: name, issue_number: item.pullRequest!, body: item.payload.body });
        return data.html_url;
      }
    }
  }

  /** The repository's exception log issue, created on first use. */
  async trackingIssue(octokit: GitHubClient, repo: RepositoryRef): Promise<number> {
    const known = await this.audit.outbox.trackingIssue(fullName(repo));
    if (known !== null) return known;
    const { data } = await octokit.rest.issues.create({
      owner: repo.owner, repo: repo.name, title: EXCEPTION_LOG_TITLE,
      body: 'Four Eyes records here every self-approved exception and every break-glass in this repository, one comment each, with links to the pull request, the commit and the check run. The tamper-evident record is in Four Eyes\' audit log (`four-eyes audit export`). Keep this issue open.',
    });
    await this.audit.outbox.setTrackingIssue(fullName(repo), data.number);
    return data.number;
  }
}
