import { gitBlobSha } from '../util/gitBlobSha.js';
import { applyUnifiedPatch } from '../util/unifiedPatch.js';
import type { BlobContent, BlobUse } from './blobs.js';
import type { ChangedFile } from './changedFiles.js';
import { SLICE_MS, turnEvery } from './nextTurn.js';
import type { PullRequestSides } from './pullRequestSides.js';
import { READ_LIMITS } from './readLimits.js';

/** A changed file's head blob, and what GitHub's patch makes it from: its blob at the base. */
export interface PatchedHead {
  baseSha: string;
  patch: string;
}

/**
 * The head blobs of changed files that GitHub's file list gives a patch for, by head SHA, with
 * their base blob. Their text can be made from the base's instead of read: half the bytes of a
 * pull request that edits files, and a large one's most expensive reads.
 */
export function patchedHeads(sides: PullRequestSides, files: ChangedFile[]): Map<string, PatchedHead> {
  const baseByPath = new Map(sides.base.map((blob) => [blob.path, blob.blobSha]));
  const heads = new Map<string, PatchedHead>();
  for (const file of files) {
    if (file.patch === undefined || file.blobSha === null) continue;
    if (file.status !== 'modified' && file.status !== 'renamed' && file.status !== 'changed') continue;
    const baseSha = baseByPath.get(file.previousPath ?? file.path);
    if (baseSha === undefined || baseSha === file.blobSha) continue;
    heads.set(file.blobSha, { baseSha, patch: file.patch });
  }
  return heads;
}

/**
 * The heads made from their bases' contents, each checked against its blob SHA, and those that
 * must be read after all: a base not read as text, a patch that does not apply (the base branch
 * moved since the pull request branched, so its base is not the patch's), a result that is not
 * the head's blob, or a value file larger than is read as text.
 */
export async function headsFromPatches(
  wanted: ReadonlyMap<string, BlobUse>,
  patched: ReadonlyMap<string, PatchedHead>,
  contents: ReadonlyMap<string, BlobContent>,
): Promise<{ made: Map<string, BlobContent>; toRead: Map<string, BlobUse> }> {
  const made = new Map<string, BlobContent>();
  const toRead = new Map<string, BlobUse>();
  // A large pull request's heads take a while to make and hash: other webhooks are served meanwhile.
  const turn = turnEvery(SLICE_MS);
  for (const [headSha, use] of wanted) {
    const text = madeText(headSha, patched.get(headSha), contents);
    const byteSize = text === null ? 0 : Buffer.byteLength(text);
    if (text === null || (use === 'value' && byteSize > READ_LIMITS.changedFileBytes)) toRead.set(headSha, use);
    else made.set(headSha, { byteSize, binary: false, text });
    await turn();
  }
  return { made, toRead };
}

function madeText(
  headSha: string,
  patched: PatchedHead | undefined,
  contents: ReadonlyMap<string, BlobContent>,
): string | null {
  const base = patched === undefined ? null : contents.get(patched.baseSha)?.text;
  if (!patched || base === null || base === undefined) return null;
  const text = applyUnifiedPatch(base, patched.patch);
  return text !== null && gitBlobSha(text) === headSha ? text : null;
}
