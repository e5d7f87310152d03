import type { ModuleGraph } from '../terraform/affectedModules.js';
import { isConfigurationPath } from '../terraform/configurationFiles.js';
import {
  configurationLinks,
  fileReadingLinks,
  ModuleGraphBuilder,
  mayLinkConfigurations,
} from '../terraform/configurationLinks.js';
import type { ParsedFile } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import { type ParsedSource, parseAfterSharedPrefix } from '../terraform/sharedPrefix.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import type { BlobContent } from './blobs.js';
import { SLICE_MS, turnEvery } from './nextTurn.js';
import type { PullRequestSides } from './pullRequestSides.js';
import type { TreeBlob } from './repositoryTree.js';

/** Where the module sources of scanned files are kept (the app's LRU, or a view of it). */
export interface ModuleSourceStore {
  get(key: string): readonly string[] | undefined;
  set(key: string, sources: readonly string[]): void;
}

/** The key of a file's module sources: its blob, and the syntax its name gives it. */
export function moduleSourcesKey(file: TreeBlob): string {
  return `${file.blobSha}:${file.path.endsWith('.json') ? 'json' : 'hcl'}`;
}

/** The configuration files whose calls are to be found: every one of either side, outside tool caches. */
export function configurationFiles(sides: PullRequestSides): TreeBlob[] {
  return [...sides.base, ...sides.head].filter((file) => isConfigurationPath(file.path) && !isIgnoredPath(file.path));
}

/**
 * A file whose local module calls are read from its text: the key its calls are kept under, and
 * for a changed file's head, the place of its base among the scans (its blocks may be shared).
 */
export interface ModuleScan {
  key: string;
  path: string;
  content: string;
  base?: number;
}

/** Reads scans' module sources: in place, or (a large pull request) off the event loop. */
export type ModuleScanner = (scans: ModuleScan[]) => Promise<(readonly string[])[]>;

/**
 * Which directories are modules and which local modules each calls, over both sides (a call
 * the PR adds or removes carries its change). A file's calls come from the cache or from its
 * contents, which must then be in `contents`.
 */
export function moduleGraph(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): ModuleGraph {
  const planning = scanPlan(sides, contents, cache);
  let step = planning.next();
  while (!step.done) step = planning.next();
  const plan = step.value;
  return graphOf(plan, [...scannedSources(plan.scans)], cache);
}

/**
 * `moduleGraph`, its files parsed by `scan` (by default here, letting the event loop turn every
 * SLICE_MS): a large PR has thousands of files to parse for their module calls, and
 * other webhooks must not wait for them.
 */
export async function moduleGraphInSlices(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
  scan: ModuleScanner = scannedSourcesInSlices,
): Promise<ModuleGraph> {
  // Planning reads every configuration file's text (what it may link or read): in slices too.
  const planning = scanPlan(sides, contents, cache);
  const turn = turnEvery(SLICE_MS);
  let step = planning.next();
  while (!step.done) {
    await turn();
    step = planning.next();
  }
  const plan = step.value;
  const scanned = plan.scans.length === 0 ? [] : await scan(plan.scans);
  if (scanned.length !== plan.scans.length)
    throw new Error(`the module scan answered ${scanned.length} files of ${plan.scans.length}`);
  return graphOf(plan, scanned, cache);
}

/** `scannedSources`, letting the event loop turn every SLICE_MS. */
export async function scannedSourcesInSlices(scans: ModuleScan[]): Promise<(readonly string[])[]> {
  const out: (readonly string[])[] = [];
  const turn = turnEvery(SLICE_MS);
  for (const sources of scannedSources(scans)) {
    out.push(sources);
    await turn();
  }
  return out;
}

/**
 * Each scan's local module sources, in order. A head is parsed right after its base, sharing the
 * blocks its text repeats (see terraform/sharedPrefix.ts): one parse and a part instead of two.
 * Pure: the change-set worker runs it for a large pull request.
 */
export function* scannedSources(scans: readonly ModuleScan[]): Generator<readonly string[]> {
  const heads = new Set(scans.flatMap((scan) => (scan.base === undefined ? [] : [scan.base])));
  let kept: { index: number; parsed: ParsedSource } | null = null;
  for (const [index, scan] of scans.entries()) {
    const source = { path: scan.path, content: scan.content };
    const before: ParsedSource | undefined =
      scan.base !== undefined && kept?.index === scan.base ? kept.parsed : undefined;
    const parsed: ParsedFile = before
      ? parseAfterSharedPrefix(source, before, parseTerraformFile)
      : parseTerraformFile(source);
    kept = heads.has(index) ? { index, parsed: { content: scan.content, parsed } } : null;
    yield [...configurationLinks(parsed), ...fileReadingLinks(scan.content)];
  }
}

/** Every configuration file of both sides, in scan order, and the ones whose calls must be read from their text. */
interface ScanPlan {
  /** each file with its calls when known before scanning (`cached`: from the cache), or its scan's place */
  files: { file: TreeBlob; key: string; sources?: readonly string[]; cached?: true; scan?: number }[];
  scans: ModuleScan[];
}

/**
 * The files in the order they are scanned (a changed file's head right after its base), each
 * with its calls when the cache knows them or its text cannot name a local path, or its place
 * among the scans. A step per file: the caller may let the event loop turn between them.
 */
function* scanPlan(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): Generator<void, ScanPlan> {
  const scanned = (file: TreeBlob) => isConfigurationPath(file.path) && !isIgnoredPath(file.path);
  const heads = new Map(sides.head.filter(scanned).map((file) => [file.path, file]));
  const plan: ScanPlan = { files: [], scans: [] };
  /** the scan of each key planned already: a blob at both sides, or in two directories, is parsed once */
  const planned = new Map<string, number>();
  const add = (file: TreeBlob, base?: number): number | undefined => {
    const key = moduleSourcesKey(file);
    const scanOfKey = planned.get(key);
    if (scanOfKey !== undefined) {
      plan.files.push({ file, key, scan: scanOfKey });
      return scanOfKey;
    }
    const cached = cache.get(key);
    if (cached) {
      plan.files.push({ file, key, sources: cached, cached: true });
      return undefined;
    }
    const text = contents.get(file.blobSha)?.text;
    if (text === undefined || text === null)
      throw new Error(`${file.path} (blob ${file.blobSha.slice(0, 7)}) was not read`);
    // Most files call no local module and keep or read no state: they are not parsed for it.
    if (!mayLinkConfigurations(text, file.path)) {
      plan.files.push({ file, key, sources: fileReadingLinks(text) });
      return undefined;
    }
    const scan = plan.scans.push({ key, path: file.path, content: text, ...(base === undefined ? {} : { base }) }) - 1;
    planned.set(key, scan);
    plan.files.push({ file, key, scan });
    return scan;
  };
  for (const file of sides.base.filter(scanned)) {
    const base = add(file);
    yield;
    const head = heads.get(file.path);
    if (head === undefined || head.blobSha === file.blobSha) continue;
    heads.delete(file.path);
    add(head, base);
    yield;
  }
  for (const file of heads.values()) {
    add(file);
    yield;
  }
  return plan;
}

/** The graph of the plan's files, the scanned ones' calls kept in the cache. */
function graphOf(plan: ScanPlan, scanned: readonly (readonly string[])[], cache: ModuleSourceStore): ModuleGraph {
  const graph = new ModuleGraphBuilder();
  for (const { file, key, sources, cached, scan } of plan.files) {
    const links = sources ?? scanned[scan ?? -1];
    if (links === undefined) throw new Error(`${file.path} was not scanned for its module calls`);
    if (!cached) cache.set(key, links);
    graph.add(moduleDirectory(file.path), links);
  }
  return graph.graph();
}
