import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import type { Scenario } from './scenario.js';

/** An artifact of a run, as GitHub Actions serves it: listed by the run, downloaded as a zip. */
export interface ScenarioArtifact {
  id: number;
  name: string;
  zip: Uint8Array;
  expired?: boolean;
  /** what GitHub lists as its size (default: the zip's) */
  sizeInBytes?: number;
}

/** A workflow run on a commit. */
export interface ScenarioRun {
  id: number;
  path: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'action_required' | null;
  createdAt?: string;
  artifacts: ScenarioArtifact[];
}

/** Where the fake GitHub redirects artifact downloads: another origin, as GitHub's blob storage is. */
const BLOB_STORAGE = 'https://artifacts.blob.example';

/** A zip of the given files, as upload-artifact makes one. */
export function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data]),
    ),
  );
}

/** The Actions routes Four Eyes uses, answered from the scenario's runs; null for any other route. */
export function actionsAnswer(
  s: Scenario,
  method: string,
  path: string,
  params: URLSearchParams,
): [number, unknown, Record<string, string>?] | null {
  const repoPath = `/repos/${s.owner}/${s.name}`;
  const runs = s.workflowRuns ?? [];
  if (method !== 'GET') return null;
  if (path === `${repoPath}/actions/runs`) {
    const matching = runs.filter((run) => run.headSha === params.get('head_sha'));
    return [200, { total_count: matching.length, workflow_runs: matching.map((run) => runOf(s, run)) }];
  }
  const artifacts = new RegExp(`^${repoPath}/actions/runs/(\\d+)/artifacts$`).exec(path);
  if (artifacts) {
    const run = runs.find((r) => r.id === Number(artifacts[1]));
    if (!run) return [404, { message: 'Not Found' }];
    const listed = run.artifacts.filter((a) => !params.get('name') || a.name === params.get('name'));
    return [200, { total_count: listed.length, artifacts: listed.map((a) => artifactOf(a, run)) }];
  }
  const zip = new RegExp(`^${repoPath}/actions/artifacts/(\\d+)/zip$`).exec(path);
  if (zip) {
    const artifact = runs.flatMap((run) => run.artifacts).find((a) => a.id === Number(zip[1]));
    if (!artifact) return [404, { message: 'Not Found' }];
    if (artifact.expired) return [410, { message: 'Artifact has expired' }];
    return [302, '', { location: `${BLOB_STORAGE}/artifacts/${artifact.id}.zip?sig=signed` }];
  }
  return null;
}

/** Blob storage: serves each artifact's zip, recording the download (without the token GitHub's API takes). */
export function installBlobStorage(
  scenario: () => Scenario,
  record: (route: string, headers: Record<string, unknown>) => void,
): void {
  nock(BLOB_STORAGE)
    .persist()
    .get(/^\/artifacts\/\d+\.zip/)
    .reply(function (uri) {
      const id = Number(/\/artifacts\/(\d+)\.zip/.exec(uri)![1]);
      record(`${BLOB_STORAGE}/artifacts/${id}.zip`, this.req.headers);
      const artifact = (scenario().workflowRuns ?? []).flatMap((run) => run.artifacts).find((a) => a.id === id);
      return artifact
        ? [200, Buffer.from(artifact.zip), { 'content-type': 'application/zip' }]
        : [404, 'BlobNotFound', { 'content-type': 'text/plain' }];
    });
}

/** `object(expression: "<sha>:<path>")` as GitHub answers it: the blob's id, or null when the commit has no such file. */
export function blobAtExpression(
  expression: unknown,
  filesAt: (sha: string) => { path: string; content: string }[] | null,
  blobSha: (text: string) => string,
): { oid: string } | null {
  const [sha = '', ...rest] = String(expression).split(':');
  const file = filesAt(sha)?.find((f) => f.path === rest.join(':'));
  return file ? { oid: blobSha(file.content) } : null;
}

function runOf(s: Scenario, run: ScenarioRun): Record<string, unknown> {
  return {
    id: run.id,
    name: 'Terraform plan',
    path: run.path,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    event: 'pull_request',
    created_at: run.createdAt ?? '2026-11-24T11:00:00Z',
    html_url: `https://github.com/${s.owner}/${s.name}/actions/runs/${run.id}`,
  };
}

function artifactOf(artifact: ScenarioArtifact, run: ScenarioRun): Record<string, unknown> {
  return {
    id: artifact.id,
    name: artifact.name,
    size_in_bytes: artifact.sizeInBytes ?? artifact.zip.byteLength,
    expired: artifact.expired ?? false,
    created_at: '2026-11-24T11:05:00Z',
    expires_at: '2027-02-22T11:05:00Z',
    workflow_run: { id: run.id, head_sha: run.headSha },
  };
}
