/** What reading an issue needs of an installation's client (Probot's, or a test's stand-in). */
interface IssueReader {
  rest: {
    issues: {
      get(params: { owner: string; repo: string; issue_number: number }): Promise<{ data: { state: string } }>;
    };
  };
}

/**
 * An issue's state, read as the installation that can see it (`auth`: Probot's `app.auth`): for
 * the console's break-glass page, whose follow-up review issues the audit log records as opened,
 * not as closed. Null when GitHub does not answer (the page then says the state is unknown).
 */
export function issueStateReader(auth: (installationId: number) => Promise<IssueReader>) {
  return async (issue: {
    repository: string;
    number: number;
    installationId: number;
  }): Promise<'open' | 'closed' | null> => {
    const [owner, repo] = issue.repository.split('/') as [string, string];
    try {
      const client = await auth(issue.installationId);
      const { data } = await client.rest.issues.get({ owner, repo, issue_number: issue.number });
      return data.state === 'closed' ? 'closed' : 'open';
    } catch {
      return null;
    }
  };
}
