import type { ChangeSet } from '../change/changeSet.js';
import { compactFile } from '../terraform/compactFile.js';
import type { ParsedFile } from '../terraform/model.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import { LruCache } from '../util/lruCache.js';
import type { CachedPolicy } from './basePolicy.js';
import type { BlobContent } from './blobs.js';
import { type ChangeSetBuilder, changeSetBuilder } from './changeSetBuilder.js';

/** A parsed file and the size of its source, which bounds the cache. */
export type CachedParse = ParsedFile & { sourceBytes: number };

/** A PR's change between two commits: immutable, so cached by (base SHA, head SHA). */
export interface PreparedChange {
  changeSet: ChangeSet;
  /** bytes of source in its trees (Terraform and values): its syntax trees take about twenty times as much memory */
  sourceBytes: number;
  filesTruncated: boolean;
  /** the PR's `.github/four-eyes.yml` at the head, when the PR changes it */
  proposedPolicyText: string | null;
  /** the base's CODEOWNERS (the first GitHub finds), read only when the policy takes owners from it */
  baseCodeowners?: { path: string; blobSha: string } | null;
}

export interface AppCaches {
  parses: LruCache<string, CachedParse>;
  changes: LruCache<string, PreparedChange>;
  policies: LruCache<string, CachedPolicy>;
  /** file contents by blob SHA: base and head share most blobs, and so do a repository's PRs */
  blobs: LruCache<string, BlobContent>;
  /** the local module sources a Terraform file names, by `<blob SHA>:<hcl|json>` (see moduleSourcesKey) */
  moduleSources: LruCache<string, readonly string[]>;
  /** builds change sets, the large ones in a worker thread with a parse cache of its own */
  builder: ChangeSetBuilder;
}

/**
 * Default bounds: about 160 MB of parsed files and 320 MB of change sets at most, 1,000
 * policies, 32 MB of file contents, and the module sources of 200,000 files (a few MB).
 */
export const DEFAULT_CACHE_BOUNDS = {
  parseSourceBytes: 8_000_000,
  changeSourceBytes: 16_000_000,
  policies: 1_000,
  blobBytes: 32_000_000,
  moduleSourceFiles: 200_000,
};

export function createCaches(
  bounds: Partial<typeof DEFAULT_CACHE_BOUNDS> = {},
  builder: ChangeSetBuilder = changeSetBuilder(),
): AppCaches {
  const { parseSourceBytes, changeSourceBytes, policies, blobBytes, moduleSourceFiles } = {
    ...DEFAULT_CACHE_BOUNDS,
    ...bounds,
  };
  return {
    parses: new LruCache<string, CachedParse>(parseSourceBytes, (parsed) => parsed.sourceBytes),
    changes: new LruCache<string, PreparedChange>(changeSourceBytes, (prepared) => Math.max(1, prepared.sourceBytes)),
    policies: new LruCache(policies),
    // A blob without text (binary, too large to be a value) still takes an entry's worth.
    blobs: new LruCache<string, BlobContent>(blobBytes, (blob) => Math.max(64, blob.text?.length ?? 0)),
    moduleSources: new LruCache<string, readonly string[]>(moduleSourceFiles),
    builder,
  };
}

export function changeKey(repository: string, baseSha: string, headSha: string): string {
  return `${repository}:${baseSha}...${headSha}`;
}

/**
 * Parses a Terraform file once per (blob, path): the same blob at base and head, or in the next
 * push, is free. The cache keeps files compacted (see terraform/lazyBlock.ts: a quarter of the
 * memory, until their bodies are read); a file just parsed is returned whole, since the change
 * it was read for is likely to read it.
 */
export function cachedParser(cache: LruCache<string, CachedParse>): (file: SourceFile) => ParsedFile {
  return (file) => {
    if (file.blobSha === undefined) return parseTerraformFile(file);
    const key = `${file.blobSha}:${file.path}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const parsed = parseTerraformFile(file);
    cache.set(key, { ...compactFile(parsed, file.content), sourceBytes: file.content.length });
    return parsed;
  };
}
