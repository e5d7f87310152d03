import type { PolicyException, Tier } from '../model/policy.js';
import type { BlockedAttemptReason } from '../policy/blockedAttempts.js';
import type { BreakGlassUse } from '../policy/breakGlass.js';
import type { Conclusion, Decision } from '../policy/decision.js';
import type { ExceptionUse } from '../policy/exceptions.js';
import type { Executor } from '../policy/executionPeople.js';
import type { ExecutedDecision, ExecutionCode, ExecutionVerdict } from '../policy/executionVerdict.js';
import type { BreakGlassRequest, PushFacts } from '../policy/facts.js';

/** A decision the app made and posted as a check run. */
interface PostedDecision extends Decision {
  checkName: string;
  /** the policy files it was made under, as read at the base */
  policyFiles: { source: string; blobSha: string }[];
  /** the policy's exceptions, used or not (absent: recorded before decisions carried them) */
  exceptionsInForce?: ExceptionInForce[];
}

/** An exception of the policy a decision was judged under, as the auditors' console lists it. */
export type ExceptionInForce = Pick<PolicyException, 'id' | 'owner' | 'expires' | 'description' | 'justification'>;

/** What a decision record says of its policy's exceptions. */
export function exceptionsInForceOf(policy: { exceptions: readonly PolicyException[] }): ExceptionInForce[] {
  return policy.exceptions.map(({ id, owner, expires, description, justification }) => ({
    id,
    owner,
    expires,
    description,
    justification,
  }));
}

/** A decision `four-eyes evaluate --record` made, without GitHub. */
interface CliDecision extends Decision {
  recordedBy: string;
}

/**
 * Whether the app made a recorded decision from GitHub's facts. One the command line recorded
 * rests on facts anyone can type (`--facts`): it documents a preview, and never lets a merge
 * group or a deployment through.
 */
export function madeByApp(decision: PostedDecision | CliDecision): decision is PostedDecision {
  return 'checkName' in decision && !('recordedBy' in decision);
}

/** The check run a decision was posted as. */
interface CheckRunRecord {
  decisionSeq: number;
  checkRunId: number;
  headSha: string;
  name: string;
  conclusion: Conclusion;
  /** `in_progress`: posted as pending, waiting for the plan (the decision's conclusion is not on GitHub yet) */
  status?: 'in_progress';
}

/** An exception a decision used, beside the decision. */
interface ExceptionRecord extends ExceptionUse {
  decisionSeq: number;
  headSha: string;
  tier: Tier;
}

/** A break-glass a decision honoured, beside the decision. */
interface BreakGlassRecord extends BreakGlassUse {
  decisionSeq: number;
  headSha: string;
  tier: Tier;
}

/** An approval refused because the approver had a hand in the change: recorded once per review and reason. */
interface BlockedAttemptRecord {
  /** the first decision that refused it */
  decisionSeq: number;
  headSha: string;
  reviewId: number;
  login: string;
  reason: BlockedAttemptReason;
  detail: string;
  /** whether the owners were told on the PR (notifications.blocked_attempts, and owners to tell) */
  notified: boolean;
}

/** The check a merge group got (`merge_group.checks_requested`): what it was judged on, and the outcome. */
export interface MergeGroupRecord {
  /** the merge group's commit, which the check run is on */
  headSha: string;
  /** its parent: the target branch, or the queue entry ahead of it */
  baseSha: string;
  headRef: string;
  baseRef: string;
  checkName: string;
  /** the pull request's head the queue entry names (null: its ref could not be read) */
  pullRequestHeadSha: string | null;
  /** the decision it was held to (null: none passing was found) */
  decisionSeq: number | null;
  approvedDigest: string | null;
  /** the impact digest of base → head (null: not computed, the entry failed before) */
  impactDigest: string | null;
  conclusion: 'success' | 'failure';
  title: string;
  reason: string;
}

/**
 * An answer of the execution gate (a deployment protection rule): which commit was to run where,
 * in which workflow run and by whom, on which decision and approvals, and the outcome with its
 * reason. Tied to the pull request whose decision it rests on (none: not tied to one).
 */
interface ExecutionRecord {
  /** the commit deployed (null: the event named none) */
  sha: string | null;
  environment: string;
  /** the workflow run answered (null: the event named none, and nothing could be answered) */
  runId: number | null;
  deploymentId: number | null;
  executors: Executor[];
  /** who approved the change (the decision's counted approvals) */
  approvers: string[];
  /** the plans the run uploaded before the job (none until plans are read) */
  planDigests: string[];
  outcome: ExecutionVerdict['state'];
  code: ExecutionCode;
  reason: string;
  decision: ExecutedDecision | null;
  breakGlass: BreakGlassUse | null;
}

/** A push to a branch (`branch` set) or to a pull request (its `synchronize`: no branch). */
export interface PushRecord extends PushFacts {
  branch?: string;
}

interface Entry<Kind extends string, Data> {
  kind: Kind;
  repository: string;
  pullRequest: number | null;
  deliveryId: string | null;
  /** ISO-8601 with milliseconds */
  recordedAt: string;
  data: Data;
}

/** What is appended: the store gives it its place (seq) and its link (hashes). Its kind says what its data is. */
export type AuditEntry =
  | Entry<'decision', PostedDecision | CliDecision>
  | Entry<'check-run', CheckRunRecord>
  | Entry<'exception', ExceptionRecord>
  | Entry<'break-glass', BreakGlassRecord>
  | Entry<'break-glass-request', BreakGlassRequest>
  | Entry<'push', PushRecord>
  | Entry<'blocked-attempt', BlockedAttemptRecord>
  | Entry<'merge-group', MergeGroupRecord>
  | Entry<'execution', ExecutionRecord>;

export type RecordKind = AuditEntry['kind'];
export type RecordData<K extends RecordKind> = Extract<AuditEntry, { kind: K }>['data'];

/** Every kind, at run time; a kind missing here, or one too many, does not compile. */
const KNOWN_KINDS: { [K in RecordKind]: true } = {
  decision: true,
  'check-run': true,
  exception: true,
  'break-glass': true,
  'break-glass-request': true,
  push: true,
  'blocked-attempt': true,
  'merge-group': true,
  execution: true,
};

function isRecordKind(kind: unknown): kind is RecordKind {
  return typeof kind === 'string' && Object.hasOwn(KNOWN_KINDS, kind);
}

/** What a record's body holds: its entry and its position. */
export type RecordContent = AuditEntry & { seq: number };

/**
 * A stored record's body, read once at the boundary: its kind must be one this Four Eyes knows
 * and the one its column names, else reading fails with the record's number, rather than take
 * the record for another kind. (`four-eyes audit verify` checks the rest: hashes and columns.)
 */
export function recordContent(record: { seq: number; kind: string; body: string }): RecordContent {
  const content: unknown = JSON.parse(record.body);
  const kind = typeof content === 'object' && content !== null && 'kind' in content ? content.kind : undefined;
  if (!isRecordKind(kind)) throw new Error(`audit record #${record.seq} has the unknown kind ${JSON.stringify(kind)}`);
  if (kind !== record.kind)
    throw new Error(
      `audit record #${record.seq} says it is a ${kind} record, its kind column a ${record.kind} record (run four-eyes audit verify)`,
    );
  return content as RecordContent;
}

/** The data of a record that must be of `kind`. */
export function recordDataOf<K extends RecordKind>(
  kind: K,
  record: { seq: number; kind: string; body: string },
): RecordData<K> {
  const content = recordContent(record);
  if (content.kind !== kind)
    throw new Error(`audit record #${record.seq} is a ${content.kind} record, not a ${kind} record`);
  // The check above is what makes this true; TypeScript cannot narrow a generic kind.
  return content.data as RecordData<K>;
}
