import type { PullRequestToSweep } from './outbox.js';

/** A check run Four Eyes is about to start: where, on what, and who can complete it later. */
export interface CheckRunStart {
  repository: string;
  /** `https://github.com/owner/repo` (or the Enterprise Server equivalent), to evaluate again without an event */
  repositoryUrl: string;
  pullRequest: number;
  headSha: string;
  name: string;
  installationId: number | null;
}

/** A started run not completed yet. */
export interface TrackedRun extends CheckRunStart {
  /** the row's own id */
  id: number;
  /** GitHub's id; null when the process stopped between asking GitHub to start it and hearing back */
  runId: number | null;
  startedAt: string;
}

/**
 * Every check run Four Eyes starts (`in_progress`), until it is completed: a run that no
 * evaluation will complete any more (its process died, its completion failed) is found here and
 * completed by the next evaluation of its pull request or by the periodic sweep.
 */
export interface CheckRunLedger {
  /** Records a run about to be started, before asking GitHub: a start GitHub made but never answered leaves a trace. */
  starting(run: CheckRunStart, now: Date): Promise<number>;
  /** The run GitHub started for the row `id`; false (and nothing written) when another row already tracks that run. */
  started(id: number, runId: number): Promise<boolean>;
  completed(runId: number, conclusion: string, now: Date): Promise<void>;
  /** A row whose start made no run on GitHub: nothing to complete. */
  closed(id: number, now: Date): Promise<void>;
  /** The pull request's runs not completed and whose completion is not pending in the outbox, oldest first. */
  open(repository: string, pullRequest: number): Promise<TrackedRun[]>;
  /** Pull requests with such a run started at or before `before`, at most `limit`. */
  stale(before: Date, limit: number): Promise<(PullRequestToSweep & { repositoryUrl: string })[]>;
}

/** A check_runs row as every store keeps it. */
export interface CheckRunRow {
  id: string | number;
  run_id: string | number | null;
  repository: string;
  repository_url: string;
  pull_request: number;
  head_sha: string;
  name: string;
  installation_id: string | number | null;
  started_at: Date | string;
}

export function trackedRun(row: CheckRunRow): TrackedRun {
  return {
    id: Number(row.id),
    runId: row.run_id === null ? null : Number(row.run_id),
    repository: row.repository,
    repositoryUrl: row.repository_url,
    pullRequest: Number(row.pull_request),
    headSha: row.head_sha,
    name: row.name,
    installationId: row.installation_id === null ? null : Number(row.installation_id),
    startedAt: new Date(row.started_at).toISOString(),
  };
}
