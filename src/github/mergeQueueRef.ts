import type { QueueEntry } from '../policy/mergeGroup.js';

const QUEUE_PREFIX = 'gh-readonly-queue/';
/** `pr-<number>-<head SHA>`: SHA-1 (40) or SHA-256 (64) repositories; at most 9 digits, within the store's integer column */
const ENTRY = /^pr-([1-9]\d{0,8})-([0-9a-f]{40}|[0-9a-f]{64})$/;

/** A merge queue entry's ref, read: the pull request and head it merges, and the branch it merges into. */
export type ParsedQueueRef = (QueueEntry & { baseBranch: string }) | { problem: string };

/**
 * Reads `refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>` — the only place a merge_group
 * webhook names the pull request. The base branch may itself contain slashes, so the entry is
 * the last segment; it must name the branch the group merges into (`base_ref`). Anything else is
 * a problem in words, and the merge group fails with it.
 */
export function parseQueueRef(headRef: string, baseRef: string): ParsedQueueRef {
  const ref = stripHeads(headRef);
  const shown = JSON.stringify(headRef);
  if (!ref.startsWith(QUEUE_PREFIX))
    return { problem: `the merge group's head_ref ${shown} is not a merge queue branch (gh-readonly-queue/…)` };
  const rest = ref.slice(QUEUE_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  const baseBranch = slash > 0 ? rest.slice(0, slash) : '';
  const entry = ENTRY.exec(rest.slice(slash + 1));
  if (!baseBranch || !entry)
    return {
      problem: `the merge group's head_ref ${shown} does not end in <base branch>/pr-<number>-<head SHA>, so Four Eyes cannot tell which pull request it merges`,
    };
  const target = stripHeads(baseRef);
  if (baseBranch !== target)
    return {
      problem: `the merge group's head_ref ${shown} names the branch ${JSON.stringify(baseBranch)}, but the group merges into ${JSON.stringify(target)}`,
    };
  return { baseBranch, pullRequest: Number(entry[1]), headSha: entry[2]! };
}

function stripHeads(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}
