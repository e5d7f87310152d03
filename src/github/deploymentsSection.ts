import type { AuditStore, NewestRecord } from '../audit/auditStore.js';
import { escapeMarkdown, GITHUB_OUTPUT_LIMIT } from '../report/markdown.js';
import { REEVALUATE_ACTION } from './checkRunOutput.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';

/** Where the section begins in a check run's summary: everything before it is the decision's own output. */
export const DEPLOYMENTS_MARKER = '<!-- four-eyes:deployments -->';
/** The newest gate decisions listed; the audit export has them all. */
const SHOWN = 20;
const REASON_LIMIT = 140;

type Execution = NewestRecord<'execution'>;

/**
 * The gate decisions on one head, oldest first, one per delivery: a delivery decided again (its
 * answer failed, or GitHub failed while deciding, and it was re-delivered) shows its last decision.
 */
export function deploymentsOf(executions: readonly Execution[]): Execution[] {
  const byDelivery = new Map<string, Execution>();
  for (const execution of [...executions].sort((a, b) => a.seq - b.seq))
    byDelivery.set(execution.deliveryId ?? `seq ${execution.seq}`, execution);
  return [...byDelivery.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The "Deployments" section of a check run: each gate decision on its change (environment,
 * outcome, who ran it, why, when, the workflow run and the audit record), the newest `shown`.
 */
export function deploymentsSection(executions: readonly Execution[], repositoryUrl: string, shown = SHOWN): string {
  const listed = executions.slice(Math.max(0, executions.length - shown));
  const omitted = executions.length - listed.length;
  const count = executions.length === 1 ? '1 gate decision' : `${executions.length} gate decisions`;
  return [
    DEPLOYMENTS_MARKER,
    '## Deployments',
    '',
    `${count} of Four Eyes' deployment gate on this change${omitted > 0 ? `, the newest ${listed.length} listed` : ''}; \`four-eyes audit export --kind executions\` has every one.`,
    ...(listed.length > 0
      ? [
          '',
          '| environment | outcome | run by | why | when | run | audit record |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...listed.map((e) => deploymentLine(e, repositoryUrl)),
        ]
      : []),
    '',
  ].join('\n');
}

function deploymentLine({ seq, recordedAt, data }: Execution, repositoryUrl: string): string {
  const people = data.executors.map((e) => e.login).filter((login, i, all) => all.indexOf(login) === i);
  const run = data.runId === null ? '—' : `[${data.runId}](${repositoryUrl}/actions/runs/${data.runId})`;
  const when = `${recordedAt.slice(0, 10)} ${recordedAt.slice(11, 16)} UTC`;
  const cells = [
    `\`${escapeMarkdown(data.environment)}\``,
    `${data.outcome === 'approved' ? '✅ approved' : '❌ rejected'} (\`${data.code}\`)`,
    people.length > 0 ? escapeMarkdown(people.join(', ')) : '—',
    escapeMarkdown(shorten(data.reason, REASON_LIMIT)),
    when,
    run,
    `#${seq}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The summary with its Deployments section replaced by `section` (added when it has none), within
 * GitHub's limit: the oldest lines give way first, and a summary with no room left is kept as is.
 */
export function withDeploymentsSection(
  summary: string,
  executions: readonly Execution[],
  repositoryUrl: string,
): string {
  const at = summary.indexOf(DEPLOYMENTS_MARKER);
  const decision = at === -1 ? `${summary}\n\n` : summary.slice(0, at);
  for (let shown = SHOWN; shown >= 0; shown--) {
    const whole = decision + deploymentsSection(executions, repositoryUrl, shown);
    if (whole.length <= GITHUB_OUTPUT_LIMIT) return whole;
  }
  return summary;
}

function shorten(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}

/**
 * Posts the Deployments section on the check run of a pull request's head: the run Four Eyes last
 * posted on that head (its check-run record), the gate decisions the audit log ties to that head
 * read now, so the last post shows them all. Only the output changes, never the conclusion; a
 * summary that already says it all is not written again. Returns the run's id ("none": Four Eyes
 * posted no run on that head, so there is nothing to add to).
 */
export async function postDeploymentsSection(
  octokit: GitHubClient,
  repo: RepositoryRef,
  records: AuditStore,
  pullRequest: number,
  post: { headSha: string; repositoryUrl: string },
): Promise<string> {
  const repository = fullName(repo);
  let checkRunId: number | null = null;
  for await (const { data } of records.newest('check-run', repository, pullRequest))
    if (data.headSha === post.headSha) {
      checkRunId = data.checkRunId;
      break;
    }
  if (checkRunId === null) return 'none';
  const onHead: Execution[] = [];
  for await (const execution of records.newest('execution', repository, pullRequest))
    if (execution.data.decision?.headSha === post.headSha) onHead.push(execution);
  const target = { owner: repo.owner, repo: repo.name, check_run_id: checkRunId };
  const { data: run } = await octokit.rest.checks.get(target);
  const before = run.output.summary ?? '';
  const summary = withDeploymentsSection(before, deploymentsOf(onHead), post.repositoryUrl);
  if (summary !== before)
    await octokit.rest.checks.update({
      ...target,
      output: { title: run.output.title ?? 'Four Eyes', summary },
      actions: [REEVALUATE_ACTION],
    });
  return String(checkRunId);
}
