import { addModuleCalls, localModuleSources, type ModuleGraph } from '../terraform/affectedModules.js';
import { isConfigurationPath } from '../terraform/configurationFiles.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
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

/** Adds each configuration file's module and calls to `graph`, yielding after each file. */
function* scanFiles(
  graph: { modules: Set<string>; calls: Map<string, Set<string>> },
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): Generator<TreeBlob> {
  for (const file of configurationFiles(sides)) {
    const directory = moduleDirectory(file.path);
    graph.modules.add(directory);
    addModuleCalls(graph.calls, directory, moduleSources(file, contents, cache));
    yield file;
  }
}

function moduleSources(
  file: TreeBlob,
  contents: ReadonlyMap<string, BlobContent>,
  cache: ModuleSourceStore,
): readonly string[] {
  const key = moduleSourcesKey(file);
  const cached = cache.get(key);
  if (cached) return cached;
  const text = contents.get(file.blobSha)?.text;
  if (text === undefined || text === null)
    throw new Error(`${file.path} (blob ${file.blobSha.slice(0, 7)}) was not read`);
  // Most files call no local module: they are not parsed for it.
  const sources =
    text.includes('module') && mayNameLocalPath(text)
      ? localModuleSources(parseTerraformFile({ path: file.path, content: text }))
      : [];
  cache.set(key, sources);
  return sources;
}

/**
 * A local module's source is a literal string starting with `./` or `../`: a file without `./`
 * calls none, unless an escape spells it (`\u002e`, `\U0000002E`, or JSON's `\/`).
 */
function mayNameLocalPath(text: string): boolean {
  return text.includes('./') || text.includes('\\u') || text.includes('\\U') || text.includes('\\/');
}
