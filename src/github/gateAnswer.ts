import type { ExecutionVerdict } from '../policy/executionVerdict.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

/** GitHub keeps a deployment protection rule's comment up to this many characters (its docs: "up to 1024 characters long"). */
export const GATE_COMMENT_LIMIT = 1024;

/** The workflow run a `deployment_callback_url` answers (`…/actions/runs/<id>/deployment_protection_rule`), or null. */
export function runIdOf(callbackUrl: string | null | undefined): number | null {
  const match = /\/actions\/runs\/(\d+)\/deployment_protection_rule\/?$/.exec(callbackUrl ?? '');
  const id = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The comment GitHub shows with the answer: the outcome, its code and its reason, and the audit
 * record that holds it. Cut to GitHub's limit: the reason is shortened, never the record's number.
 */
export function gateComment(verdict: ExecutionVerdict, auditSeq: number | null): string {
  const outcome = verdict.code === 'break-glass' ? 'approved (BREAK-GLASS)' : verdict.state;
  const text = `**Four Eyes: ${outcome}** (\`${verdict.code}\`): ${verdict.reason}`;
  const footer = auditSeq === null ? '' : `\n\nAudit record #${auditSeq}.`;
  return cut(text, GATE_COMMENT_LIMIT - footer.length) + footer;
}

/** At most `limit` UTF-16 units, ending in an ellipsis when cut, never in half a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/** Approves or rejects the run's job for the environment (`POST …/actions/runs/<id>/deployment_protection_rule`). */
export async function postGateAnswer(
  octokit: GitHubClient,
  repo: RepositoryRef,
  runId: number,
  environment: string,
  state: ExecutionVerdict['state'],
  comment: string,
): Promise<void> {
  await octokit.rest.actions.reviewCustomGatesForRun({
    owner: repo.owner,
    repo: repo.name,
    run_id: runId,
    environment_name: environment,
    state,
    comment,
  });
}
