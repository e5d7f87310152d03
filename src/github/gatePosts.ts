import type { RecordData } from '../audit/records.js';
import type { Policy } from '../model/policy.js';
import { describeExecutors, type Executor } from '../policy/executionPeople.js';
import type { ExecutionVerdict } from '../policy/executionVerdict.js';
import { effectKeys, withMarker } from './effectMarkers.js';
import { type GitHubPost, mentionsOf } from './exceptionLog.js';

/** The deployment a break-glass change went through the gate in. */
export interface BreakGlassDeployment {
  repository: string;
  repositoryUrl: string;
  environment: string;
  runId: number;
  executors: Executor[];
}

/**
 * The owners hear of a break-glass change again when it is deployed: a comment on the exception
 * log and, when the policy mentions owners, on the pull request. Once per run and environment.
 */
export function breakGlassExecutionPosts(
  verdict: ExecutionVerdict,
  deployment: BreakGlassDeployment,
  policy: Policy,
): GitHubPost[] {
  const b = verdict.breakGlass;
  const decision = verdict.decision;
  if (!b || !decision) return [];
  const { repository, repositoryUrl, environment, runId } = deployment;
  const key = (post: 'log' | 'mention-owners') => effectKeys.breakGlassExecution(runId, environment, post);
  const at = decision.headSha.slice(0, 7);
  const run = `[run ${runId}](${repositoryUrl}/actions/runs/${runId})`;
  const who = describeExecutors(deployment.executors);
  const log = [
    `**BREAK-GLASS change deployed** to \`${environment}\`: [${repository}#${decision.pullRequest}](${repositoryUrl}/pull/${decision.pullRequest}) at [${at}](${repositoryUrl}/commit/${decision.headSha}), ${run}, run by ${who}`,
    '',
    `- broken by @${b.by}: ${b.reason}`,
    `- tier ${decision.tier}, passed without independent approval`,
  ].join('\n');
  const posts: GitHubPost[] = [
    {
      action: 'exception-log',
      effectKey: key('log'),
      payload: { issueNumber: policy.notifications.exceptionLogIssue, body: withMarker(log, key('log')) },
    },
  ];
  if (policy.notifications.mentionOwners) {
    const owners = [
      ...policy.owners.users.map((u) => `@${u}`),
      ...policy.owners.teams.map((t) => `@${t.includes('/') ? t : `${repository.split('/')[0]}/${t}`}`),
    ];
    const body = `${owners.length ? `${owners.join(' ')}: ` : ''}the change @${b.by} broke glass for (${at}) is being deployed to \`${environment}\` in ${run}, run by ${who}.`;
    posts.push({
      action: 'mention-owners',
      effectKey: key('mention-owners'),
      payload: { body: withMarker(body, key('mention-owners')) },
    });
  }
  return posts;
}

/**
 * A rejected deployment of a pull request's change is a blocked attempt too: the owners hear of it
 * on the pull request, in one comment per rejection code listing every rejected run so far (this
 * one and the earlier records), edited rather than repeated. Not when the gate could not decide
 * (`error`: a re-run decides), when nothing tied the deployment to a pull request, when the
 * policy turns the notices off (`notifications.blocked_attempts: false`) or names no owners.
 */
export function rejectedExecutionPosts(
  verdict: ExecutionVerdict,
  deployment: BreakGlassDeployment,
  policy: Policy,
  earlier: readonly RecordData<'execution'>[],
): GitHubPost[] {
  const decision = verdict.decision;
  if (verdict.state !== 'rejected' || verdict.code === 'error' || !decision) return [];
  const owners = policy.owners;
  if (!policy.notifications.blockedAttempts || owners.users.length + owners.teams.length === 0) return [];
  const { repository, repositoryUrl, environment, runId } = deployment;
  const rejected = [
    ...earlier.filter((r) => r.outcome === 'rejected' && r.code === verdict.code && r.runId !== null),
    { runId, environment, executors: deployment.executors, reason: verdict.reason },
  ];
  const runs = [...new Map(rejected.map((r) => [`${r.runId}@${r.environment}`, r])).values()];
  const noticeKey = effectKeys.executionRejectedNotice(decision.pullRequest, verdict.code);
  const one = runs.length === 1;
  const body = [
    `${mentionsOf(owners, repository).join(' ')}: ${one ? "a deployment of this pull request's change was" : `${runs.length} deployments of this pull request's change were`} rejected by the execution gate (\`${verdict.code}\`).`,
    '',
    ...runs.map(
      (r) =>
        `- [run ${r.runId}](${repositoryUrl}/actions/runs/${r.runId}) to \`${r.environment}\`, run by ${describeExecutors(r.executors)}: ${r.reason}`,
    ),
    '',
    'The audit log records each gate decision (`four-eyes audit export --kind executions`); this comment is updated, not repeated, when another is rejected for the same reason.',
  ].join('\n');
  return [
    {
      action: 'blocked-attempt-notice',
      effectKey: effectKeys.executionRejectedNoticeVersion(
        decision.pullRequest,
        verdict.code,
        runs.map((r) => `${r.runId}@${r.environment}`),
      ),
      payload: { noticeKey, body: withMarker(body, noticeKey) },
    },
  ];
}
