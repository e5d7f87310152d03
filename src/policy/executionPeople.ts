import type { Policy, Requirement } from '../model/policy.js';
import type { ValidApproval } from './approvals.js';
import type { Decision } from './decision.js';
import { IdentityIndex } from './identities.js';
import { allocate, type RequirementResult } from './requirements.js';
import { listWords, plural } from './text.js';

/** How someone takes part in running a deployment. */
export type ExecutorRole = 'actor' | 'triggering-actor' | 'deployment-creator';

/** Someone who runs the deployment: the workflow run's actor and triggering actor, the deployment's creator. */
export interface Executor {
  login: string;
  roles: ExecutorRole[];
}

export interface PeopleJudgement {
  approved: boolean;
  code: 'approver-executes' | 'author-executes' | null;
  /** who runs it, and why that is allowed (or not) */
  reason: string;
}

const ROLE_WORDS: Record<ExecutorRole, string> = {
  actor: 'actor',
  'triggering-actor': 'triggering actor',
  'deployment-creator': 'deployment creator',
};

/**
 * Executor ≠ approver: the approvals of the decision are counted again without everyone who runs
 * the deployment (as people: aliases count as them), with the same requirement allocation the
 * decision used. When the requirements still hold, an approver running it takes nothing away from
 * the four eyes; otherwise the deployment is rejected, naming who approved and now executes.
 * Deployers may always execute (they can never approve); the PR author may unless the policy
 * says `executor_may_be_author: false`.
 */
export function judgeExecutors(
  decision: Decision,
  author: string | null,
  executors: readonly Executor[],
  policy: Policy,
  teams: Readonly<Record<string, readonly string[]>>,
): PeopleJudgement {
  const identities = new IdentityIndex(policy);
  const runs = (login: string) => executors.some((e) => identities.samePerson(e.login, login));
  const deployer = (login: string) => policy.deployers.some((d) => identities.samePerson(d, login));
  const who = `run by ${describeExecutors(executors)}`;
  const authorRuns = executors.filter(
    (e) => author !== null && !deployer(e.login) && identities.samePerson(e.login, author),
  );
  if (!policy.execution.executorMayBeAuthor && authorRuns.length > 0)
    return {
      approved: false,
      code: 'author-executes',
      reason: `${author} wrote #${decision.number} and runs its deployment (${describeExecutors(authorRuns)}), and the policy's execution.executor_may_be_author is false: someone else must run it`,
    };
  // Self-approved under an exception: no approval made it pass, so none is taken away.
  if (decision.exception)
    return { approved: true, code: null, reason: `${who}; it passed under exception ${decision.exception.id}` };
  const approvals = approvalsOf(decision);
  const conflicted = [...new Set(approvals.filter((a) => runs(a.login)).map((a) => a.login))].sort();
  if (conflicted.length === 0) return { approved: true, code: null, reason: `${who}, none of whom approved it` };
  const recount = allocate(
    requirementsOf(decision),
    approvals.filter((a) => !runs(a.login)),
    policy.distinct,
    { reviewers: Object.fromEntries(Object.entries(teams).map(([login, slugs]) => [login, { teams: [...slugs] }])) },
  );
  const approvers = listWords(conflicted);
  const missing = recount.requirements.filter((r) => r.missing > 0);
  if (missing.length === 0)
    return {
      approved: true,
      code: null,
      reason: `${who}; ${approvers} approved it, but the requirements hold without them (${describeFilled(recount.requirements)})`,
    };
  return {
    approved: false,
    code: 'approver-executes',
    reason: `${approvers} approved #${decision.number} and now ${conflicted.length === 1 ? 'runs' : 'run'} its deployment (${describeExecutors(executors.filter((e) => conflicted.some((login) => identities.samePerson(login, e.login))))}); without their approval ${describeMissing(missing)}: someone who did not approve must run it, or another independent reviewer must approve`,
  };
}

/** "carol (actor, triggering actor) and github-actions[bot] (deployment creator)" */
export function describeExecutors(executors: readonly Executor[]): string {
  return listWords(executors.map((e) => `${e.login} (${e.roles.map((role) => ROLE_WORDS[role]).join(', ')})`));
}

/** Every valid approval of the decision once: the counted ones and the spare ones (none in older records). */
function approvalsOf(decision: Decision): ValidApproval[] {
  const seen = new Set<number>();
  const approvals: ValidApproval[] = [];
  for (const a of [...decision.approvals.counted, ...(decision.approvals.spare ?? [])]) {
    if (seen.has(a.reviewId)) continue;
    seen.add(a.reviewId);
    approvals.push({
      reviewId: a.reviewId,
      login: a.login,
      commitSha: a.retainedFrom ?? decision.headSha,
      submittedAt: '',
      retainedFrom: a.retainedFrom,
    });
  }
  return approvals;
}

/** The requirements the decision was held to, as the policy states them. */
function requirementsOf(decision: Decision): Requirement[] {
  return decision.requirements.map((r) => ({ name: r.name, approvals: r.needed, from: r.from }));
}

function describeFilled(requirements: readonly RequirementResult[]): string {
  return requirements.map((r) => `"${r.name}" by ${listWords(r.satisfiedBy) || 'nobody needed'}`).join('; ');
}

function describeMissing(missing: readonly RequirementResult[]): string {
  return listWords(missing.map((r) => `"${r.name}" misses ${plural(r.missing, 'approval')} of ${r.needed}`));
}
