import type { Logger } from 'probot';
import { prepareData } from '../audit/chain.js';
import type { OutboxItem } from '../audit/outbox.js';
import type {
  CheckRunOutput,
  CheckRunPost,
  CheckTarget,
  FailureReportPost,
  StartedCheck,
} from '../audit/outboxPosts.js';
import { type AuditEntry, exceptionsInForceOf } from '../audit/records.js';
import type { AuditServices, AuditTransaction } from '../audit/services.js';
import type { Policy } from '../model/policy.js';
import { blockedAttemptNotices } from '../policy/blockedAttempts.js';
import type { Decision } from '../policy/decision.js';
import { type BlockedAttemptWrites, blockedAttemptWrites } from './blockedAttemptNotices.js';
import { postDeploymentsSection } from './deploymentsSection.js';
import { effectKeys } from './effectMarkers.js';
import { exceptionPosts, type GitHubPost } from './exceptionLog.js';
import { nextTurn } from './nextTurn.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { fullName } from './octokit.js';
import { SideEffects } from './sideEffects.js';
import type { TrackedChecks } from './trackedChecks.js';

export interface DecisionToRecord {
  decision: Decision;
  deliveryId: string | null;
  policy: Policy;
  policyFiles: { source: string; blobSha: string }[];
  target: CheckTarget;
  started: StartedCheck | null;
  repositoryUrl: string;
  /** the installation that can post it, for posting it without an event (the sweep) */
  installationId: number | null;
  /**
   * The check run's output without the line that names the audit record, its summary leaving
   * room for `footerChars` characters of it (the line is added once the record is written).
   */
  render: (footerChars: number) => CheckRunOutput;
  /** the decision waits for the plan: its run (`started`, on the target) stays in progress with the output */
  waiting?: boolean;
}

/**
 * Records a decision, then posts it. The decision, its exception or break-glass records and
 * everything to post (the check run, the exception log) are written in one transaction; posting
 * comes after and marks each post done. A crash in between loses nothing: the next evaluation of
 * the pull request, the webhook's re-delivery or the sweep posts what is still pending, and
 * what an interrupted attempt already posted is found by its marker rather than posted again.
 */
export class DecisionRecorder {
  readonly sideEffects: SideEffects;

  constructor(
    readonly audit: AuditServices,
    readonly checks: TrackedChecks,
    readonly now: () => Date,
    readonly log: Logger,
  ) {
    this.sideEffects = new SideEffects(audit, now);
  }

  /** Whether this delivery already recorded a decision for this pull request (then only posting is left). */
  async alreadyRecorded(deliveryId: string | null, repo: RepositoryRef, number: number): Promise<boolean> {
    return (
      deliveryId !== null &&
      (await this.audit.records.recordsOfDelivery(deliveryId, fullName(repo), number, 'decision')).length > 0
    );
  }

  async record(entry: DecisionToRecord): Promise<number | null> {
    const { decision, deliveryId } = entry;
    const now = this.now();
    const repository = decision.repository;
    // Read under the pull request's lock (evaluation.ts): no other decision of it records attempts meanwhile.
    const blockedBefore =
      blockedAttemptNotices(decision.approvals.rejected).length > 0
        ? await this.audit.records.dataOf('blocked-attempt', repository, decision.number)
        : [];
    const deployed = await this.deployedBefore(repository, decision.number, decision.headSha);
    const data = {
      ...decision,
      checkName: entry.target.name,
      policyFiles: entry.policyFiles,
      exceptionsInForce: exceptionsInForceOf(entry.policy),
    };
    // Rendering a large decision's output and writing its record's JSON take a while: before the
    // transaction, which holds the store (every other webhook's queries wait for it), each in a
    // turn of its own.
    const output = entry.render(AUDIT_FOOTER_CHARS);
    await nextTurn();
    prepareData(data);
    await nextTurn();
    return this.audit.transaction(async (tx) => {
      const record = await tx.appendOnce({
        kind: 'decision',
        repository,
        pullRequest: decision.number,
        deliveryId,
        recordedAt: now.toISOString(),
        data,
      });
      if (record === null) return null;
      const common = { repository, pullRequest: decision.number, deliveryId, recordedAt: now.toISOString() };
      const beside = await this.appendBeside(tx, decision, common, record.seq, blockedBefore);
      await addDecisionPosts(tx, { ...entry, output }, record, beside, deployed, now);
      return record.seq;
    });
  }

  /** Whether the gate decided on a deployment of this head, so its check run lists deployments. */
  async deployedBefore(repository: string, pullRequest: number, headSha: string): Promise<boolean> {
    for await (const { data } of this.audit.records.newest('execution', repository, pullRequest))
      if (data.decision?.headSha === headSha) return true;
    return false;
  }

  /** The records beside a decision: the exception it used, the break-glass it honoured, the attempts it refused first. */
  async appendBeside(
    tx: AuditTransaction,
    decision: Decision,
    common: Pick<AuditEntry, 'repository' | 'pullRequest' | 'deliveryId' | 'recordedAt'>,
    decisionSeq: number,
    blockedBefore: BlockedAttemptWrites['records'],
  ): Promise<{ exceptionSeq: number | null; blockedPosts: GitHubPost[] }> {
    const about = { decisionSeq, headSha: decision.headSha, tier: decision.tier };
    const [exception] = decision.exception
      ? await tx.append([{ ...common, kind: 'exception', data: { ...about, ...decision.exception } }])
      : [];
    if (decision.breakGlass)
      await tx.append([{ ...common, kind: 'break-glass', data: { ...about, ...decision.breakGlass } }]);
    const blocked = blockedAttemptWrites(decision, decisionSeq, blockedBefore);
    if (blocked.records.length > 0)
      await tx.append(blocked.records.map((data) => ({ ...common, kind: 'blocked-attempt' as const, data })));
    return { exceptionSeq: exception?.seq ?? null, blockedPosts: blocked.posts };
  }

  /** Queues the failure reports of an evaluation that failed: posted like any post, so retried until GitHub takes them. */
  async recordFailure(
    reports: FailureReportPost[],
    origin: { deliveryId: string | null; repo: RepositoryRef; number: number; installationId: number | null },
  ): Promise<void> {
    const now = this.now();
    const item = {
      deliveryId: origin.deliveryId,
      repository: fullName(origin.repo),
      pullRequest: origin.number,
      decisionSeq: null,
      ...installation(origin.installationId),
    };
    await this.audit.transaction(async (tx) => {
      for (const payload of reports) await tx.addPost({ ...item, action: 'failure-report', payload }, now);
    });
  }

  /**
   * Posts everything pending for the pull request, oldest first. A post that fails stays pending
   * (and is logged), and so do the posts after it in its lane: check runs in one (a run's failure
   * report before its decision), the Deployments sections in another (after the check runs), the
   * posts beside them in the third, so that a comment GitHub keeps refusing never holds a check
   * run in progress. Returns whether nothing is left.
   */
  async flush(
    octokit: GitHubClient,
    repo: RepositoryRef,
    number: number,
  ): Promise<{ complete: boolean; checkRunId: number | null }> {
    let checkRunId: number | null = null;
    const blocked = new Set<string>();
    for (const item of await this.audit.outbox.pending(fullName(repo), number)) {
      const lane = laneOf(item.action);
      // A Deployments section is written on the check run as posted: not while its completion waits.
      if (blocked.has(lane) || (lane === 'deployments' && blocked.has('check-runs'))) continue;
      try {
        const earlier = await this.audit.outbox.attempting(item.id, this.now());
        const result = await this.post(octokit, repo, item, earlier);
        if (item.action === 'check-run') checkRunId = Number(result);
        await this.audit.outbox.done(item.id, result, this.now());
      } catch (error) {
        this.log.error(
          { err: error, action: item.action, decision: item.decisionSeq },
          'four-eyes: posting failed; it stays pending',
        );
        blocked.add(lane);
      }
    }
    return { complete: blocked.size === 0, checkRunId };
  }

  /** Makes one post; `earlier`: when an earlier attempt at it began, which may have made it. */
  async post(octokit: GitHubClient, repo: RepositoryRef, item: OutboxItem, earlier: Date | null): Promise<string> {
    switch (item.action) {
      case 'check-run': {
        const post = item.payload;
        const pending = post.status === 'in_progress' && post.started !== null && sameRun(post.started, post.target);
        // A wait with no run to keep in progress never shows as passed.
        const conclusion = post.status === 'in_progress' && !pending ? 'failure' : post.conclusion;
        // Completing a started run again is harmless; a completed run created again shows the same conclusion on the same head.
        const id = pending
          ? await this.checks.progress(octokit, post.started!, post.output)
          : await this.checks.complete(octokit, post.target, post.started, conclusion, post.output);
        // Once per delivery: a completion posted again after a crash before `done` is not recorded twice.
        await this.audit.records.appendOnce({
          kind: 'check-run',
          repository: item.repository,
          pullRequest: item.pullRequest,
          deliveryId: item.deliveryId,
          recordedAt: this.now().toISOString(),
          data: {
            decisionSeq: item.decisionSeq!,
            checkRunId: id,
            headSha: post.target.headSha,
            name: post.target.name,
            conclusion,
            ...(pending ? { status: 'in_progress' as const } : {}),
          },
        });
        return String(id);
      }
      case 'failure-report': {
        const { target, started, output } = item.payload;
        return String(await this.checks.complete(octokit, target, started, 'failure', output));
      }
      case 'deployments-section':
        return postDeploymentsSection(octokit, repo, this.audit.records, item.pullRequest!, item.payload);
      default:
        return this.sideEffects.post(octokit, repo, item, earlier);
    }
  }
}

/**
 * The decision's posts, queued in its transaction: its check run, the Deployments section again
 * when the gate decided on this head, the exception log's posts and the notices of refused approvals.
 */
async function addDecisionPosts(
  tx: AuditTransaction,
  entry: DecisionToRecord & { output: CheckRunOutput },
  record: { seq: number; hash: string },
  beside: { exceptionSeq: number | null; blockedPosts: GitHubPost[] },
  deployed: boolean,
  now: Date,
): Promise<void> {
  const { decision, deliveryId } = entry;
  const repository = decision.repository;
  const post: CheckRunPost = {
    target: entry.target,
    started: entry.started,
    conclusion: decision.conclusion,
    output: { ...entry.output, summary: entry.output.summary + auditFooter(record.seq, record.hash) },
    ...(entry.waiting ? { status: 'in_progress' as const } : {}),
  };
  const item = {
    deliveryId,
    repository,
    pullRequest: decision.number,
    decisionSeq: record.seq,
    ...installation(entry.installationId),
  };
  await tx.addPost({ ...item, action: 'check-run', payload: post }, now);
  // The new output replaces the run's summary: the gate decisions on this head are written on it again.
  if (deployed) await tx.addPost({ ...item, ...deploymentsAgain(record.seq, decision.headSha, entry) }, now);
  const links = {
    pullRequestUrl: `${entry.repositoryUrl}/pull/${decision.number}`,
    commitUrl: `${entry.repositoryUrl}/commit/${decision.headSha}`,
    checkRunsUrl: `${entry.repositoryUrl}/commit/${decision.headSha}/checks`,
  };
  // A post whose effect key is already there (the same break-glass use, the same blocked attempts, decided again) is not added again.
  for (const github of [...exceptionPosts(decision, entry.policy, links, beside.exceptionSeq), ...beside.blockedPosts])
    await tx.addPost({ ...item, ...github }, now);
}

/** The line under a decision's check run summary that names its audit record, and how to verify it. */
function auditFooter(seq: number, hash: string): string {
  return `\n\n---\n_Audit record #${seq} (${hash.slice(0, 23)}…): \`four-eyes audit verify --expect ${seq}:${hash}\`_\n`;
}

/** The longest footer (the largest sequence number a record can have): the room a summary leaves for it. */
const AUDIT_FOOTER_CHARS = auditFooter(Number.MAX_SAFE_INTEGER, `sha256:${'f'.repeat(64)}`).length;

function laneOf(action: OutboxItem['action']): 'check-runs' | 'deployments' | 'beside' {
  if (action === 'check-run' || action === 'failure-report') return 'check-runs';
  return action === 'deployments-section' ? 'deployments' : 'beside';
}

function sameRun(started: StartedCheck, target: CheckTarget): boolean {
  return started.headSha === target.headSha && started.name === target.name;
}

function deploymentsAgain(decisionSeq: number, headSha: string, entry: DecisionToRecord): GitHubPost {
  return {
    action: 'deployments-section',
    effectKey: effectKeys.deploymentsSectionAgain(decisionSeq),
    payload: { headSha, repositoryUrl: entry.repositoryUrl },
  };
}

function installation(installationId: number | null): { installationId?: number } {
  return installationId === null ? {} : { installationId };
}
