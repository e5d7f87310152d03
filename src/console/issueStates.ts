import type { FollowUpIssue } from '../audit/consoleStore.js';

export type IssueState = 'open' | 'closed';

/** Reads an issue's state on GitHub, as the installation that opened it; null when it cannot. */
export type IssueStateReader = (issue: {
  repository: string;
  number: number;
  installationId: number;
}) => Promise<IssueState | null>;

/**
 * The state of each follow-up issue on a page, by address, read from GitHub when the page is
 * shown (the audit log records the issue's opening, not its closing). An issue that cannot be
 * read — no reader, no installation recorded, GitHub refusing — is absent: its state is unknown.
 */
export async function followUpStates(
  issues: readonly FollowUpIssue[],
  read: IssueStateReader | undefined,
): Promise<Map<string, IssueState>> {
  const states = new Map<string, IssueState>();
  if (!read) return states;
  await Promise.all(
    issues.map(async (issue) => {
      const number = issue.url ? /\/issues\/(\d+)$/.exec(issue.url)?.[1] : undefined;
      if (!issue.url || !number || issue.installationId === null) return;
      const state = await read({
        repository: issue.repository,
        number: Number(number),
        installationId: issue.installationId,
      }).catch(() => null);
      if (state) states.set(issue.url, state);
    }),
  );
  return states;
}
