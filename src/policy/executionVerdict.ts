import type { ExecutionSettings, Policy, Tier } from '../model/policy.js';
import { globMatch } from '../util/glob.js';
import type { BreakGlassUse } from './breakGlass.js';
import type { Decision } from './decision.js';
import { type ContentEvidence, type ContentJudgement, judgeContent } from './executionContent.js';
import { describeExecutors, type Executor, judgeExecutors } from './executionPeople.js';
import { listWords, shortSha } from './text.js';

/** Everything the gate's verdict on one deployment depends on, gathered by the edge in our terms. */
export interface ExecutionInput {
  environment: string;
  /** the commit the deployment runs */
  sha: string;
  /** the policy in force: from the pull request's base, or from the commit before the one deployed */
  policy: Policy;
  executors: Executor[];
  /** how the commit relates to approved changes, in the order the edge looked (it stops at the first that approves) */
  evidence: ContentEvidence[];
  /** team slugs by login, for approvers, when a requirement names teams */
  teams: Readonly<Record<string, readonly string[]>>;
  /**
   * Plan binding: the digests of the plans the run uploaded before this job (its plan artifact,
   * read like the PR's; empty when it uploaded none). The approved ones are those the decision
   * recorded (`plans.judged`).
   */
  plans: { uploaded: readonly string[] };
}

/** What the verdict rests on (approved) or why it rejects; docs/execution.md explains each. */
export type ExecutionCode =
  | 'not-gated'
  | 'approved-change'
  | 'nothing-to-gate'
  | 'break-glass'
  | 'not-approved'
  | 'change-differs'
  | 'approver-executes'
  | 'author-executes'
  | 'plan-missing'
  | 'plan-not-approved'
  | 'error';

/** The decision an execution verdict rests on, as the audit record names it. */
export interface ExecutedDecision {
  seq: number;
  pullRequest: number;
  headSha: string;
  impactDigest: string;
  tier: Tier;
  title: string;
}

export interface ExecutionVerdict {
  state: 'approved' | 'rejected';
  code: ExecutionCode;
  /** why, in sentences: what the answer's comment and the audit record say */
  reason: string;
  decision: ExecutedDecision | null;
  /** who approved the change (the decision's counted approvals) */
  approvers: string[];
  /** a break-glass decision let it through: marked, and the owners are told again */
  breakGlass: BreakGlassUse | null;
}

/** Whether the policy's execution gate judges deployments to this environment (names compare case-insensitively, as GitHub's do). */
export function isGated(environment: string, settings: ExecutionSettings): boolean {
  return settings.environments.some((glob) => globMatch(environment.toLowerCase(), glob.toLowerCase()));
}

/**
 * The execution gate's verdict on one deployment. Pure. Approves only when the environment is
 * not gated, or the content is approved (an open pull request's passing head, the merge of
 * exactly an approved change, or nothing to gate since the last approved deployment) and, for a
 * pull request's change, its plans are the approved ones, and break-glass let it through or the
 * people running it leave its approvals standing.
 */
export function executionVerdict(input: ExecutionInput): ExecutionVerdict {
  const { environment, policy } = input;
  if (!isGated(environment, policy.execution))
    return verdict('approved', 'not-gated', notGatedReason(environment, policy.execution), null);
  const judgements = input.evidence.map((e) => judgeContent(e, input.sha, environment));
  const content = judgements.find((j) => j.approved);
  if (!content) {
    const code = judgements.some((j) => j.code === 'change-differs') ? 'change-differs' : 'not-approved';
    const reasons = judgements.map((j) => j.reason);
    const reason = reasons.length ? reasons.join('; ') : `${shortSha(input.sha)} is not known to Four Eyes`;
    return verdict('rejected', code, reason, judgements.find((j) => j.decision)?.decision ?? null);
  }
  if (content.code === 'nothing-to-gate') return verdict('approved', 'nothing-to-gate', content.reason, null);
  return approvedChangeVerdict(input, content);
}

/** The verdict for a pull request's approved change: its plans, break-glass, then who runs it. */
function approvedChangeVerdict(input: ExecutionInput, content: ContentJudgement): ExecutionVerdict {
  const recorded = content.decision!;
  const decision = recorded.decision;
  const plan = planRejection(input, decision);
  if (plan) return verdict('rejected', plan.code, `${content.reason}; ${plan.reason}`, recorded);
  if (decision.breakGlass) {
    const b = decision.breakGlass;
    return verdict(
      'approved',
      'break-glass',
      `BREAK-GLASS: ${content.reason}; ${b.by} broke glass (${b.reason}), so it is run by ${describeExecutors(input.executors)} without the checks on who runs it, and the policy's owners are told again`,
      recorded,
      decision.breakGlass,
    );
  }
  const people = judgeExecutors(decision, content.author, input.executors, input.policy, input.teams);
  return people.approved
    ? verdict('approved', 'approved-change', `${content.reason}; ${people.reason}`, recorded)
    : verdict('rejected', people.code!, people.reason, recorded);
}

/** Plan binding: a plan the run uploaded must be one the decision approved; with `require_plan`, one must be there. */
function planRejection(
  input: ExecutionInput,
  decision: Decision,
): { code: 'plan-missing' | 'plan-not-approved'; reason: string } | null {
  const pullRequest = decision.number;
  const { uploaded } = input.plans;
  const approved = (decision.plans?.judged ?? []).map((plan) => plan.digest);
  const unapproved = uploaded.filter((digest) => !approved.includes(digest));
  if (unapproved.length > 0)
    return {
      code: 'plan-not-approved',
      reason: `the run uploaded the plan ${listWords(unapproved)}, which #${pullRequest}'s decision did not approve${approved.length ? ` (it approved ${listWords([...approved])})` : ''}`,
    };
  if (uploaded.length === 0 && input.policy.execution.requirePlan)
    return {
      code: 'plan-missing',
      reason: `the run uploaded no plan before this job, and the policy's execution.require_plan asks for one`,
    };
  return null;
}

/** A gate that could not decide: it rejects, saying why (GitHub would otherwise wait 30 days for an answer). */
export function gateFailure(reason: string): ExecutionVerdict {
  return verdict('rejected', 'error', reason, null);
}

function notGatedReason(environment: string, settings: ExecutionSettings): string {
  return `${environment} is not gated by Four Eyes: the policy's execution.environments (${settings.environments.join(', ') || 'none'}) do not name it`;
}

function verdict(
  state: ExecutionVerdict['state'],
  code: ExecutionCode,
  reason: string,
  recorded: ContentJudgement['decision'],
  breakGlass: BreakGlassUse | null = null,
): ExecutionVerdict {
  const decision = recorded?.decision;
  return {
    state,
    code,
    reason,
    decision:
      recorded && decision
        ? {
            seq: recorded.seq,
            pullRequest: decision.number,
            headSha: decision.headSha,
            impactDigest: decision.impactDigest,
            tier: decision.tier,
            title: decision.title,
          }
        : null,
    approvers: decision ? [...new Set(decision.approvals.counted.map((c) => c.login))].sort() : [],
    breakGlass,
  };
}
