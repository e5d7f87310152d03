/**
 * Addresses on GitHub's web site, from the API base the app is configured with (settings:
 * `https://api.github.com`, or a GitHub Enterprise Server's `https://host/api/v3`).
 */
export class GitHubLinks {
  readonly web: string;

  constructor(apiBaseUrl: string) {
    const base = apiBaseUrl.replace(/\/+$/, '');
    this.web = base === 'https://api.github.com' ? 'https://github.com' : base.replace(/\/api\/v3$/, '');
  }

  repository(repository: string): string {
    return `${this.web}/${segments(repository)}`;
  }

  pullRequest(repository: string, number: number): string {
    return `${this.repository(repository)}/pull/${number}`;
  }

  commit(repository: string, sha: string): string {
    return `${this.repository(repository)}/commit/${encodeURIComponent(sha)}`;
  }

  /** the file as it was at `sha`, at `line` when known */
  file(repository: string, sha: string, path: string, line?: number): string {
    const anchor = line && line > 0 ? `#L${line}` : '';
    return `${this.repository(repository)}/blob/${encodeURIComponent(sha)}/${segments(path)}${anchor}`;
  }
}

function segments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
