import type { Probot } from 'probot';
import type { GitHubClient } from './octokit.js';

/**
 * An issue's state, read as the installation that can see it: for the console's break-glass
 * page, whose follow-up review issues the audit log records as opened, not as closed. Null when
 * GitHub does not answer (the page then says the state is unknown).
 */
export function issueStateReader(app: Probot) {
  return async (issue: {
    repository: string;
    number: number;
    installationId: number;
  }): Promise<'open' | 'closed' | null> => {
    const [owner, repo] = issue.repository.split('/') as [string, string];
    try {
      const octokit = (await app.auth(issue.installationId)) as GitHubClient;
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: issue.number });
      return data.state === 'closed' ? 'closed' : 'open';
    } catch {
      return null;
    }
  };
}
