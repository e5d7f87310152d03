import type { GitHubClient, RepositoryRef } from './octokit.js';

/** An artifact of a workflow run, as Four Eyes reads it. */
export interface RunArtifact {
  id: number;
  name: string;
  /** zipped, as GitHub reports it */
  sizeInBytes: number;
  expired: boolean;
  expiresAt: string | null;
}

/** The newest artifact of the run with that name (a re-run attempt may upload it again), or null. */
export async function runArtifact(
  octokit: GitHubClient,
  repo: RepositoryRef,
  runId: number,
  name: string,
): Promise<RunArtifact | null> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
    owner: repo.owner,
    repo: repo.name,
    run_id: runId,
    name,
    per_page: 100,
  });
  const newest = data.artifacts
    .filter((artifact) => artifact.name === name)
    .sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '') || b.id - a.id)[0];
  return newest
    ? {
        id: newest.id,
        name: newest.name,
        sizeInBytes: newest.size_in_bytes,
        expired: newest.expired,
        expiresAt: newest.expires_at ?? null,
      }
    : null;
}

/**
 * The artifact's zip. GitHub answers with a redirect to its blob storage, which fetch follows
 * (without the token: it is another origin). The body is read as a stream and abandoned as soon
 * as it passes `maxBytes`: null then, whatever the artifact's listed size said.
 */
export async function downloadArtifact(
  octokit: GitHubClient,
  repo: RepositoryRef,
  artifactId: number,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const response = await octokit.rest.actions.downloadArtifact({
    owner: repo.owner,
    repo: repo.name,
    artifact_id: artifactId,
    archive_format: 'zip',
    request: { parseSuccessResponseBody: false },
  });
  // Unparsed, the data is fetch's body stream (Octokit's types do not say so).
  const body: unknown = response.data;
  if (body === null || body === undefined) return new Uint8Array(0);
  if (!(body instanceof ReadableStream)) throw new Error("GitHub's answer to an artifact download is not a stream");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const zip = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    zip.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return zip;
}
