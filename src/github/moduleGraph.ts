import { addModuleCalls, localModuleSources, type ModuleGraph } from '../terraform/affectedModules.js';
import { isConfigurationPath } from '../terraform/configurationFiles.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import type { BlobContent } from './blobs.js';
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
  const modules = new Set<string>();
  const calls = new Map<string, Set<string>>();
  for (const file of configurationFiles(sides)) {
    const directory = moduleDirectory(file.path);
    modules.add(directory);
    addModuleCalls(calls, directory, moduleSources(file, contents, cache));
  }
  return { modules, calls };
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
  // Most files call no module: they are not parsed for it.
  const sources = text.includes('module')
    ? localModuleSources(parseTerraformFile({ path: file.path, content: text }))
    : [];
  cache.set(key, sources);
  return sources;
}
