import type { PushFacts } from '../policy/facts.js';

export type DeliveryClaim = 'claimed' | 'done' | 'busy';

/**
 * What a webhook delivery asks of Four Eyes, translated once from its payload and kept with its
 * claim: another process can finish the work from it (with an installation client of its own)
 * when the one that claimed the delivery dies. Defined here, below the GitHub code that builds
 * and runs it, as the outbox's posts are.
 */
export interface DeliveryJob {
  /** the installation whose client does the work (null: a payload without one, which cannot be resumed) */
  installationId: number | null;
  repository: { owner: string; name: string; url: string };
  /** a push to record first: to a branch (`push` events) or to a pull request (its `synchronize`) */
  push: { to: { branch: string } | { pullRequest: number }; facts: PushFacts } | null;
  /** the pull requests to evaluate */
  pullRequests: number[];
  /** with no pull request listed: evaluate those whose head is this commit (check runs and suites of forks) */
  commit: string | null;
  /** what the event said about the one pull request, to start before asking GitHub */
  hint: { baseRef: string; baseSha: string; headSha: string; changedFiles: number | null } | null;
  /** a `/four-eyes break-glass` comment */
  breakGlass: { author: string; text: string; at: string } | null;
  /** a merge group whose check the queue waits for (absent from jobs stored before merge queues were handled) */
  mergeGroup?: MergeGroupFacts;
  /** a deployment protection rule to answer (the execution gate); absent in jobs of other events */
  gate?: GateJob;
  /** a run of this workflow completed: evaluate only the pull requests whose policy takes its plans from it */
  planWorkflow?: string;
}

/** What a `merge_group.checks_requested` webhook says of the group. */
export interface MergeGroupFacts {
  /** the group's commit: the check goes on it */
  headSha: string;
  /** `refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>`: the one place the pull request is named */
  headRef: string;
  /** the group's parent: the target branch, or the queue entry ahead */
  baseSha: string;
  baseRef: string;
}

/** What a `deployment_protection_rule` event asks the execution gate, as its payload said it. */
export interface GateJob {
  environment: string;
  /** the workflow run to answer, from `deployment_callback_url` (null: the URL names none) */
  runId: number | null;
  /** the commit deployed (null: the payload names none, which is rejected) */
  sha: string | null;
  ref: string | null;
  deploymentId: number | null;
  /** who created the deployment: a person, or GitHub Actions' bot for a workflow job */
  creator: string | null;
  /** team memberships can be asked only of an organization */
  ownerIsOrganization: boolean;
}

/** Who claims a delivery: this process, and how old a heartbeat may be before its owner counts as gone. */
export interface Claimant {
  owner: string;
  /** an owner whose last heartbeat is older than this is dead: its claims can be taken over */
  staleBefore: Date;
}

/** A delivery taken over from a dead owner: what to do for it. */
export interface OrphanedDelivery {
  deliveryId: string;
  event: string;
  job: DeliveryJob;
}

/**
 * Webhook deliveries processed once, also when several replicas receive the same one: the first
 * to claim the delivery id owns it for a lease. A delivery can be claimed again when its lease
 * runs out, when its work failed (the claim is released), or when the process that owns it is
 * gone (its heartbeat is stale): a re-delivery then does the work at once, and `takeOver` lets a
 * live process resume it without waiting for one.
 */
export interface DeliveryLedger {
  readonly leaseMs: number;
  claim(
    deliveryId: string,
    event: string,
    now: Date,
    claimant?: Claimant & { job: DeliveryJob | null },
  ): Promise<DeliveryClaim>;
  finish(deliveryId: string, now: Date): Promise<void>;
  /** The work failed or is incomplete: nobody owns it now, and a re-delivery may try at once. */
  release(deliveryId: string, now: Date): Promise<void>;
  /** Claims, for `claimant`, up to `limit` deliveries still processing whose owner is dead, with the jobs to resume them by. */
  takeOver(claimant: Claimant, now: Date, limit: number): Promise<OrphanedDelivery[]>;
}

/** A stored job, read back at the boundary: a row that is not one fails with the delivery's id. */
export function deliveryJob(deliveryId: string, text: string): DeliveryJob {
  const job = JSON.parse(text) as Partial<DeliveryJob> | null;
  if (!job || typeof job !== 'object' || !job.repository || !Array.isArray(job.pullRequests))
    throw new Error(`delivery ${deliveryId} has a job this Four Eyes cannot read`);
  return job as DeliveryJob;
}
