import { expect, onTestFinished } from 'vitest';
import { FakeGitHub, gitBlobSha } from './fakeGitHub.js';
import type { Scenario } from './scenario.js';
import { type TestApp, type TestAppOptions, testApp } from './testApp.js';
import { webhookExamples } from './webhooks.js';

type Payload = Record<string, unknown>;

/** A commit beyond the scenario's base and head: its parents and its whole tree. */
export interface FakeCommit {
  parents: string[];
  files: { path: string; content: string }[];
}

/** A pull request as `GET /commits/<sha>/pulls` lists it. */
export interface AssociatedPull {
  number: number;
  state: 'open' | 'closed';
  author: string;
  headSha: string;
  baseSha: string;
  /** set for a merged pull request */
  mergeCommitSha?: string;
}

/** A workflow run's people, as `GET /actions/runs/<id>` gives them. */
export interface FakeRun {
  actor: string;
  triggeringActor: string;
}

/**
 * The fake GitHub, also serving what the execution gate asks: workflow runs, the pull requests
 * of a commit, commits with their parents and trees, and the gate's answers (recorded in order).
 */
export class GateGitHub extends FakeGitHub {
  readonly commits = new Map<string, FakeCommit>();
  readonly pullsOfCommit = new Map<string, AssociatedPull[]>();
  readonly workflowRuns = new Map<number, FakeRun>();
  readonly answers: { runId: number; body: { environment_name: string; state: string; comment: string } }[] = [];

  override filesAt(sha: string): { path: string; content: string }[] | null {
    return this.commits.get(sha)?.files ?? super.filesAt(sha);
  }

  override textOf(sha: string): string | undefined {
    for (const commit of this.commits.values()) {
      const file = commit.files.find((f) => gitBlobSha(f.content) === sha);
      if (file) return file.content;
    }
    return super.textOf(sha);
  }

  override route(
    method: string,
    path: string,
    params: URLSearchParams,
    body: unknown,
    operation: string,
  ): [number, unknown, Record<string, string>?] {
    const repoPath = `/repos/${this.scenario.owner}/${this.scenario.name}`;
    const run = new RegExp(`^${repoPath}/actions/runs/(\\d+)$`).exec(path);
    if (method === 'GET' && run) return this.run(Number(run[1]));
    const answer = new RegExp(`^${repoPath}/actions/runs/(\\d+)/deployment_protection_rule$`).exec(path);
    if (method === 'POST' && answer) {
      this.answers.push({ runId: Number(answer[1]), body: body as GateGitHub['answers'][number]['body'] });
      return [204, ''];
    }
    // A deploying run uploads no plan unless the scenario gives it artifacts.
    const artifacts = new RegExp(`^${repoPath}/actions/runs/(\\d+)/artifacts$`).exec(path);
    if (method === 'GET' && artifacts && !this.scenario.workflowRuns?.some((r) => r.id === Number(artifacts[1])))
      return [200, { total_count: 0, artifacts: [] }];
    const pulls = new RegExp(`^${repoPath}/commits/(\\w+)/pulls$`).exec(path);
    if (method === 'GET' && pulls) return [200, (this.pullsOfCommit.get(pulls[1]!) ?? []).map((p) => this.pull(p))];
    const commit = new RegExp(`^${repoPath}/git/commits/(\\w+)$`).exec(path);
    if (method === 'GET' && commit) return this.commit(commit[1]!);
    return super.route(method, path, params, body, operation);
  }

  run(id: number): [number, unknown] {
    const run = this.workflowRuns.get(id);
    if (!run) return [404, { message: 'Not Found' }];
    return [
      200,
      {
        id,
        event: 'push',
        status: 'waiting',
        actor: { login: run.actor, type: run.actor.endsWith('[bot]') ? 'Bot' : 'User' },
        triggering_actor: { login: run.triggeringActor, type: 'User' },
      },
    ];
  }

  pull(p: AssociatedPull): Payload {
    const s = this.scenario;
    return {
      number: p.number,
      state: p.state,
      user: { login: p.author, type: 'User' },
      head: { sha: p.headSha, ref: s.headRef },
      base: { sha: p.baseSha, ref: s.baseRef },
      merged_at: p.mergeCommitSha ? '2026-11-24T11:45:00Z' : null,
      merge_commit_sha: p.mergeCommitSha ?? null,
    };
  }

  commit(sha: string): [number, unknown] {
    const s = this.scenario;
    const known = this.commits.get(sha);
    const parents = known?.parents ?? (sha === s.headSha ? [s.baseSha] : null);
    if (!parents) return [404, { message: 'Not Found' }];
    return [200, { sha, parents: parents.map((p) => ({ sha: p })), tree: { sha: 't'.repeat(40) } }];
  }
}

/** The app against a GateGitHub, with the same end-of-test checks as testApp's own fake. */
export async function gateApp(
  scenario: Scenario,
  options: Omit<TestAppOptions, 'github'> = {},
): Promise<TestApp & { github: GateGitHub }> {
  const github = new GateGitHub(scenario).install();
  onTestFinished(() => expect(github.leftovers()).toEqual([]));
  onTestFinished(() => expect(github.openCheckRuns()).toEqual([]));
  const app = await testApp(scenario, { ...options, github });
  return { ...app, github };
}

let delivery = 0;

/**
 * A `deployment_protection_rule.requested` delivery. @octokit/webhooks-examples has no example
 * of this event: its `deployment` object is the one of the `deployment` example (the same schema),
 * and the rest follows GitHub's documented payload.
 */
export function deploymentGateEvent(
  s: Scenario,
  options: { sha: string; runId: number; environment?: string; creator?: string; ref?: string },
) {
  const example = webhookExamples.find((e) => e.name === 'deployment')!.examples.find((e) => e.action === 'created')!;
  const base = structuredClone(example);
  const environment = options.environment ?? 'production';
  const creator = options.creator ?? 'github-actions[bot]';
  const deployment = base.deployment as Payload;
  const payload: Payload = {
    action: 'requested',
    environment,
    event: 'push',
    deployment_callback_url: `https://api.github.com/repos/${s.owner}/${s.name}/actions/runs/${options.runId}/deployment_protection_rule`,
    deployment: {
      ...deployment,
      sha: options.sha,
      ref: options.ref ?? s.baseRef,
      environment,
      original_environment: environment,
      creator: { ...(deployment.creator as Payload), login: creator, type: creator.endsWith('[bot]') ? 'Bot' : 'User' },
    },
    pull_requests: [],
    repository: {
      ...(base.repository as Payload),
      name: s.name,
      full_name: `${s.owner}/${s.name}`,
      owner: { login: s.owner, type: s.ownerType },
      html_url: `https://github.com/${s.owner}/${s.name}`,
    },
    sender: { login: creator, id: 1, type: creator.endsWith('[bot]') ? 'Bot' : 'User' },
    installation: { id: 7 },
  };
  return { id: `gate-delivery-${++delivery}`, name: 'deployment_protection_rule', payload } as never;
}
