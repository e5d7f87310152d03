import type { Policy } from '../model/policy.js';
import { describeExecutors, type Executor } from '../policy/executionPeople.js';
import type { ExecutionVerdict } from '../policy/executionVerdict.js';
import { effectKeys, withMarker } from './effectMarkers.js';
import type { GitHubPost } from './exceptionLog.js';

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
