import type { ParsedFile } from '../terraform/model.js';
import type { ChangeSet } from '../terraform/changeSet.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import type { CachedPolicy } from './basePolicy.js';
import { LruCache } from './lruCache.js';

/** A PR's change between two commits: immutable, so cached by (base SHA, head SHA). */
export interface PreparedChange {
  changeSet: ChangeSet;
  filesTruncated: boolean;
  /** the PR's `.github/four-eyes.yml` at the head, when the PR changes it */
  proposedPolicyText: string | null;
}

export interface AppCaches {
  parses: LruCache<string, ParsedFile>;
  changes: LruCache<string, PreparedChange>;
  policies: LruCache<string, CachedPolicy>;
}

export function createCaches(sizes: { parses?: number; changes?: number; policies?: number } = {}): AppCaches {
  return {
    parses: new LruCache(sizes.parses ?? 20_000),
    changes: new LruCache(sizes.changes ?? 500),
    policies: new LruCache(sizes.policies ?? 1_000),
  };
}

export function changeKey(repository: string, baseSha: string, headSha: string): string {
  return `${repository}:${baseSha}...${headSha}`;
}

/** Parses a Terraform file once per (blob, path): the same blob at base and head, or in the next push, is free. */
export function cachedParser(cache: LruCache<string, ParsedFile>): (file: SourceFile) => ParsedFile {
  return (file) => {
    if (file.blobSha === undefined) return parseTerraformFile(file);
    const key = `${file.blobSha}:${file.path}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const parsed = parseTerraformFile(file);
    cache.set(key, parsed);
    return parsed;
  };
}
