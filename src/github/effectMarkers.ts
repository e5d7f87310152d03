import type { BreakGlassUse } from '../policy/breakGlass.js';

/**
 * What each side effect on GitHub belongs to, as a key: unique in its repository, stored with
 * the post (a second post with the key is never added) and hidden in the body it posts, so that
 * after an attempt that may have succeeded the post is found on GitHub and adopted rather than
 * made again.
 */
export const effectKeys = {
  /** the repository's exception log issue */
  exceptionLog: (repository: string) => `exception-log repo=${repository}`,
  /** the exception log comment of one exception use: its audit record */
  exceptionUse: (exceptionSeq: number) => `exception-use seq=${exceptionSeq}`,
  /** a post of one break-glass use: the request (who, when, on which head) on its pull request */
  breakGlass: (pullRequest: number, use: BreakGlassUse, post: 'log' | 'follow-up-issue' | 'mention-owners') =>
    `break-glass pr=${pullRequest} by=${use.by} at=${use.at} sha=${use.sha} post=${post}`,
  /** the one comment telling the owners of a pull request's blocked approval attempts of one reason (hidden in it) */
  blockedAttemptNotice: (pullRequest: number, reason: string) => `blocked-attempt pr=${pullRequest} reason=${reason}`,
  /** one version of that comment: the attempts it lists, by review id (a second post of the same list is never added) */
  blockedAttemptNoticeVersion: (pullRequest: number, reason: string, reviewIds: readonly number[]) =>
    `blocked-attempt pr=${pullRequest} reason=${reason} reviews=${reviewIds.join(',')}`,
  /** the comment telling the owners of rejected deployments of a pull request's change, one per rejection code (edited as runs are added) */
  executionRejectedNotice: (pullRequest: number, code: string) => `execution-rejected pr=${pullRequest} code=${code}`,
  /** one version of that comment: the rejected runs it lists (a second post of the same list is never added) */
  executionRejectedNoticeVersion: (pullRequest: number, code: string, runs: readonly string[]) =>
    `execution-rejected pr=${pullRequest} code=${code} runs=${runs.join(',')}`,
  /** a post telling the owners a break-glass change is deployed: the workflow run and environment the gate let through */
  breakGlassExecution: (runId: number, environment: string, post: 'log' | 'mention-owners') =>
    `break-glass-execution run=${runId} environment=${environment} post=${post}`,
};

/** The hidden marker: an HTML comment, which GitHub does not render. */
function marker(key: string): string {
  return `<!-- four-eyes:${key.replace(/[<>]|--/g, '')} -->`;
}

export function withMarker(body: string, key: string): string {
  return `${body}\n\n${marker(key)}`;
}

export function hasMarker(body: string | null | undefined, key: string): boolean {
  return typeof body === 'string' && body.includes(marker(key));
}
