import type { Logger } from 'probot';
import type { RecordedDecision } from '../audit/auditStore.js';
import type { MergeGroupFacts } from '../audit/deliveries.js';
import type { CheckRunOutput } from '../audit/outboxPosts.js';
import { type MergeGroupRecord, madeByApp, recordDataOf } from '../audit/records.js';
import type { PolicyInForce } from '../config/policyInForce.js';
import { defaultPolicy } from '../model/policy.js';
import {
  entryProblem,
  groupImpact,
  type HeldDecision,
  judgeMergeGroup,
  type MergeGroupVerdict,
  type QueueEntry,
} from '../policy/mergeGroup.js';
import { loadBasePolicy } from './basePolicy.js';
import type { PreparedChange } from './caches.js';
import { commitChange } from './commitChange.js';
import { type AppDependencies, oneAtATime } from './evaluation.js';
import { mergeGroupErrorOutput, mergeGroupOutput } from './mergeGroupOutput.js';
import { parseQueueRef } from './mergeQueueRef.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { transientFailure } from './transientFailure.js';

export interface MergeGroupRequest {
  repo: RepositoryRef;
  repositoryUrl: string;
  deliveryId: string;
  group: MergeGroupFacts;
}

type Anchor = { seq: number; hash: string } | null;

/**
 * The check a merge queue waits for, on the group's head: it passes only when the pull request
 * the group's ref names has a passing decision of the app's for the head it was queued with, and
 * the group's own change (parent → head, read and rated as a pull request's) has the impact
 * digest that decision approved. The verdict is recorded, then posted. Anything that keeps it
 * from being judged fails the check (the queue drops the entry) and leaves the delivery to be
 * processed again. Returns whether the check was posted.
 */
export async function checkMergeGroup(
  octokit: GitHubClient,
  request: MergeGroupRequest,
  deps: AppDependencies,
  log: Logger,
): Promise<boolean> {
  const check = new MergeGroupCheck(octokit, request, deps, log.child({ mergeGroup: request.group.headRef }));
  const entry = parseQueueRef(request.group.headRef, request.group.baseRef);
  if ('problem' in entry) return check.unreadable(entry.problem);
  // In turn with the pull request's evaluations: a dismissal delivered first is decided first.
  return oneAtATime(deps, request.repo, entry.pullRequest, () => check.run(entry));
}

class MergeGroupCheck {
  /** the check's name: the policy's at the group's base once read; before, the decision's or the default */
  checkName = defaultPolicy().checkName;

  constructor(
    readonly octokit: GitHubClient,
    readonly request: MergeGroupRequest,
    readonly deps: AppDependencies,
    readonly log: Logger,
  ) {}

  async run(entry: QueueEntry & { baseBranch: string }): Promise<boolean> {
    const { pullRequest } = entry;
    // This delivery recorded a verdict already (its post failed): post that one, do not judge again.
    const [done] = await this.deps.audit.records.recordsOfDelivery(
      this.request.deliveryId,
      fullName(this.request.repo),
      pullRequest,
      'merge-group',
    );
    if (done) return this.post(recordDataOf('merge-group', done), pullRequest, done);
    let record: MergeGroupRecord;
    try {
      record = await this.judge(entry);
    } catch (error) {
      return this.reportError(error, pullRequest);
    }
    return this.post(record, pullRequest, await this.record(record, pullRequest));
  }

  /** A ref that names no pull request: nothing to hold it to. */
  async unreadable(problem: string): Promise<boolean> {
    try {
      await this.policy(this.request.group.baseRef.replace(/^refs\/heads\//, ''));
    } catch (error) {
      return this.reportError(error, null);
    }
    const verdict = {
      conclusion: 'failure' as const,
      title: 'Blocked: the merge group names no pull request',
      reason: problem,
    };
    const record = this.recordOf(verdict, null, null, null);
    return this.post(record, null, await this.record(record, null));
  }

  async judge(entry: QueueEntry & { baseBranch: string }): Promise<MergeGroupRecord> {
    const { repo, group } = this.request;
    const held = await this.deps.audit.records.latestDecision(fullName(repo), entry.pullRequest, entry.headSha);
    if (held && 'checkName' in held.data) this.checkName = held.data.checkName;
    const policy = await this.policy(entry.baseBranch);
    const decision = held ? heldDecision(held) : null;
    const problem = entryProblem(entry, decision);
    if (problem || !decision) return this.recordOf(problem!, entry, decision, null);
    const impact = groupImpact((await this.change()).changeSet, policy);
    return this.recordOf(judgeMergeGroup(entry, decision, group, impact, policy), entry, decision, impact.digest);
  }

  /** The policy in force at the group's base: it names the check, and rates the group's change. */
  async policy(baseBranch: string): Promise<PolicyInForce> {
    const { octokit, request, deps } = this;
    const loaded = await loadBasePolicy(
      octokit,
      request.repo,
      baseBranch,
      request.group.baseSha,
      deps.caches.policies,
      deps.now().getTime(),
    );
    this.checkName = loaded.state.policy.checkName;
    return loaded.state;
  }

  /** The group's own change, read as a pull request's is: its files from the two trees, the affected modules' Terraform. */
  async change(): Promise<PreparedChange> {
    const { octokit, request, deps } = this;
    return commitChange(octokit, request.repo, request.group.baseSha, request.group.headSha, deps.caches);
  }

  recordOf(
    verdict: MergeGroupVerdict,
    entry: QueueEntry | null,
    decision: HeldDecision | null,
    impactDigest: string | null,
  ): MergeGroupRecord {
    const { headSha, baseSha, headRef, baseRef } = this.request.group;
    return {
      headSha,
      baseSha,
      headRef,
      baseRef,
      checkName: this.checkName,
      pullRequestHeadSha: entry?.headSha ?? null,
      decisionSeq: decision?.seq ?? null,
      approvedDigest: decision?.impactDigest ?? null,
      impactDigest,
      ...verdict,
    };
  }

  /** Appended once per delivery: null when this delivery recorded it before (a re-delivery of an unreadable ref). */
  async record(data: MergeGroupRecord, pullRequest: number | null): Promise<Anchor> {
    const record = await this.deps.audit.records.appendOnce({
      kind: 'merge-group',
      repository: fullName(this.request.repo),
      pullRequest,
      deliveryId: this.request.deliveryId,
      recordedAt: this.deps.now().toISOString(),
      data,
    });
    return record && { seq: record.seq, hash: record.hash };
  }

  post(record: MergeGroupRecord, pullRequest: number | null, anchor: Anchor): Promise<boolean> {
    const output = mergeGroupOutput(record, pullRequest, { repositoryUrl: this.request.repositoryUrl }, anchor);
    return this.create(record.checkName, record.conclusion, output, pullRequest);
  }

  /** Fails closed: the check fails, saying why; the delivery is left to be processed again. */
  async reportError(error: unknown, pullRequest: number | null): Promise<boolean> {
    const transient = transientFailure(error, this.deps.now()) !== null;
    this.log.error({ err: error, transient }, 'four-eyes: the merge group could not be checked');
    await this.create(this.checkName, 'failure', mergeGroupErrorOutput(error, transient), pullRequest);
    return false;
  }

  /** A completed run, created in one request: none is ever left in progress. */
  async create(
    name: string,
    conclusion: 'success' | 'failure',
    output: CheckRunOutput,
    pullRequest: number | null,
  ): Promise<boolean> {
    const { repo, repositoryUrl, group } = this.request;
    try {
      await this.octokit.rest.checks.create({
        owner: repo.owner,
        repo: repo.name,
        name,
        head_sha: group.headSha,
        status: 'completed',
        conclusion,
        completed_at: this.deps.now().toISOString(),
        // Not the bare number the PR's runs carry: their events would evaluate the PR, not this group.
        external_id: `merge-group:${pullRequest ?? ''}`,
        details_url: pullRequest === null ? repositoryUrl : `${repositoryUrl}/pull/${pullRequest}`,
        output,
      });
      this.log.info({ head: group.headSha, conclusion }, 'four-eyes: merge group checked');
      return true;
    } catch (error) {
      this.log.error({ err: error }, 'four-eyes: posting the merge group check failed; a re-delivery posts it');
      return false;
    }
  }
}

/** The decision record as the verdict needs it; only the app's own records carry the check they were posted as. */
function heldDecision(held: RecordedDecision): HeldDecision {
  const d = held.data;
  return {
    seq: held.seq,
    conclusion: d.conclusion,
    title: d.title,
    impactDigest: d.impactDigest,
    byApp: madeByApp(d),
  };
}
