import { addModuleCalls, localModuleSources, type ModuleGraph } from '../terraform/affectedModules.js';
import { isConfigurationPath } from '../terraform/configurationFiles.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import { type ParsedSource, parseAfterSharedPrefix } from '../terraform/sharedPrefix.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import type { BlobContent } from './blobs.js';
import { nextTurn } from './nextTurn.js';
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
 * Which directories are modules and which local modules each calls, over both sides (a call
 * the PR adds or removes carries its change). A file's calls come from the cache or from its
 * contents, which must then be in `contents`.
 */
export function moduleGraph(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): ModuleGraph {
  const graph = { modules: new Set<string>(), calls: new Map<string, Set<string>>() };
  for (const _file of scanFiles(graph, sides, contents, cache));
  return graph;
}

/** Longest stretch of scanning between two turns of the event loop. */
const SLICE_MS = 10;

/**
 * `moduleGraph`, letting the event loop turn every few milliseconds: a large PR has thousands
 * of files to parse for their module calls, and other webhooks must not wait for them.
 */
export async function moduleGraphInSlices(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): Promise<ModuleGraph> {
  const graph = { modules: new Set<string>(), calls: new Map<string, Set<string>>() };
  let sliceStart = performance.now();
  for (const _file of scanFiles(graph, sides, contents, cache)) {
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await nextTurn();
    sliceStart = performance.now();
  }
  return graph;
}

/**
 * Adds each configuration file's module and calls to `graph`, yielding after each file. A file
 * the PR changes is read at the head right after the base, sharing the blocks its text repeats
 * (see terraform/sharedPrefix.ts): one parse and a part instead of two.
 */
function* scanFiles(
  graph: { modules: Set<string>; calls: Map<string, Set<string>> },
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): Generator<TreeBlob> {
  const scanned = (file: TreeBlob) => isConfigurationPath(file.path) && !isIgnoredPath(file.path);
  const heads = new Map(sides.head.filter(scanned).map((file) => [file.path, file]));
  const add = (file: TreeBlob, before?: ParsedSource): ParsedSource | undefined => {
    const directory = moduleDirectory(file.path);
    graph.modules.add(directory);
    const { sources, parsed } = moduleSources(file, contents, cache, before);
    addModuleCalls(graph.calls, directory, sources);
    return parsed;
  };
  for (const file of sides.base.filter(scanned)) {
    const parsed = add(file);
    yield file;
    const head = heads.get(file.path);
    if (head === undefined || head.blobSha === file.blobSha) continue;
    heads.delete(file.path);
    add(head, parsed);
    yield head;
  }
  for (const file of heads.values()) {
    add(file);
    yield file;
  }
}

/** A file's local module sources, and its parse when it was parsed for them. */
function moduleSources(
  file: TreeBlob,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
  before: ParsedSource | undefined,
): { sources: readonly string[]; parsed?: ParsedSource } {
  const key = moduleSourcesKey(file);
  const cached = cache.get(key);
  if (cached) return { sources: cached };
  const text = contents.get(file.blobSha)?.text;
  if (text === undefined || text === null)
    throw new Error(`${file.path} (blob ${file.blobSha.slice(0, 7)}) was not read`);
  // Most files call no local module: they are not parsed for it.
  if (!text.includes('module') || !mayNameLocalPath(text)) {
    cache.set(key, []);
    return { sources: [] };
  }
  const source = { path: file.path, content: text };
  const parsed = before ? parseAfterSharedPrefix(source, before, parseTerraformFile) : parseTerraformFile(source);
  const sources = localModuleSources(parsed);
  cache.set(key, sources);
  return { sources, parsed: { content: text, parsed } };
}

/**
 * A local module's source is a literal string starting with `./` or `../`: a file without `./`
 * calls none, unless an escape spells it (`\u002e`, `\U0000002E`, or JSON's `\/`).
 */
function mayNameLocalPath(text: string): boolean {
  return text.includes('./') || text.includes('\\u') || text.includes('\\U') || text.includes('\\/');
}
