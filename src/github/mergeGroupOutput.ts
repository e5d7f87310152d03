import type { CheckRunOutput } from '../audit/outboxPosts.js';
import type { MergeGroupRecord } from '../audit/records.js';
import { CannotReadChange } from './cannotReadChange.js';

/** Where the check's links point. */
interface Links {
  repositoryUrl: string;
}

/** The merge group's check as recorded: its verdict, what it was judged on, and the audit record that holds it. */
export function mergeGroupOutput(
  record: MergeGroupRecord,
  pullRequest: number | null,
  links: Links,
  anchor: { seq: number; hash: string } | null,
): CheckRunOutput {
  const passed = record.conclusion === 'success';
  const pr = pullRequest === null ? null : `[#${pullRequest}](${links.repositoryUrl}/pull/${pullRequest})`;
  const lines = [
    `## ${passed ? '✅' : '⛔'} ${record.title}`,
    '',
    `**${passed ? 'Why it passes' : 'Why'}:** ${record.reason}`,
    '',
    `- merge group: \`${record.headSha.slice(0, 7)}\` (\`${record.headRef}\`), parent \`${record.baseSha.slice(0, 7)}\``,
  ];
  if (pr && record.pullRequestHeadSha)
    lines.push(`- pull request: ${pr} at \`${record.pullRequestHeadSha.slice(0, 7)}\``);
  if (record.decisionSeq !== null) lines.push(`- decision: audit record #${record.decisionSeq}`);
  if (record.approvedDigest !== null) lines.push(`- approved impact digest: \`${record.approvedDigest}\``);
  if (record.impactDigest !== null) lines.push(`- the merge group's impact digest: \`${record.impactDigest}\``);
  lines.push(
    '',
    passed
      ? 'A merge group passes only when its own change (parent → head) is exactly the change Four Eyes decided on for the queued head.'
      : 'A merge group passes only with a passing decision for the queued head, and with exactly the change that decision approved.',
  );
  if (anchor)
    lines.push(
      '',
      '---',
      `_Audit record #${anchor.seq} (${anchor.hash.slice(0, 23)}…): \`four-eyes audit verify --expect ${anchor.seq}:${anchor.hash}\`_`,
    );
  return { title: record.title, summary: lines.join('\n'), annotations: [] };
}

/**
 * What the check says when the merge group could not be judged (GitHub failing, a change too
 * large to read): it fails closed, so the queue drops the pull request rather than merge it
 * unchecked, and says how to try again.
 */
export function mergeGroupErrorOutput(error: unknown, transient: boolean): CheckRunOutput {
  const status = (error as { status?: unknown }).status;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 500);
  const cause = typeof status === 'number' ? `GitHub answered ${status}: ${message}` : message;
  const next =
    error instanceof CannotReadChange
      ? `**What to do:** ${error.remedy}`
      : transient
        ? "**What to do:** add the pull request to the merge queue again once GitHub answers; a re-delivery of this webhook (the app's advanced settings) also decides again."
        : "**What to do:** add the pull request to the merge queue again; if it keeps failing, an administrator can find this delivery in the app's log.";
  const title = 'Blocked: Four Eyes could not check this merge group';
  return {
    title,
    summary: [
      `## ⛔ ${title}`,
      '',
      `**Why:** ${cause.replace(/[<>]/g, '')}`,
      '',
      next,
      '',
      'A merge group Four Eyes could not judge never passes.',
    ].join('\n'),
    annotations: [],
  };
}
