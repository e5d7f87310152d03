import type { FailureReportPost } from '../audit/outboxPosts.js';
import type { CheckTarget, StartedCheck } from './checkRunWriter.js';

/** Why a run is cancelled: its head moved, its check was renamed, or a newer run on its head holds the result. */
export function supersededOutput(
  run: StartedCheck,
  target: CheckTarget,
  newer: StartedCheck | null = null,
): FailureReportPost['output'] {
  const head = target.headSha.slice(0, 7);
  if (run.headSha !== target.headSha)
    return {
      title: `Superseded: the head is now ${head}`,
      summary: `This commit is no longer the pull request's head; Four Eyes evaluates ${head}.`,
      annotations: [],
    };
  if (run.name !== target.name)
    return {
      title: `Superseded by the check "${target.name}"`,
      summary: `The policy names this check "${target.name}" now; Four Eyes reports there.`,
      annotations: [],
    };
  const by = newer ? `check run ${newer.id}` : 'a newer check run';
  return {
    title: `Superseded by ${by}`,
    summary: `Four Eyes evaluated ${head} again; ${by} holds the result.`,
    annotations: [],
  };
}
