import { addModuleCalls, localModuleSources, type ModuleGraph } from './affectedModules.js';
import { mayReadFiles, mayReadVarFiles } from './fileReads.js';
import { mayCallLocalModule } from './localModules.js';
import type { Block, ParsedFile } from './model.js';
import { moduleDirectory } from './modulePaths.js';
import {
  backendStateKey,
  deploymentStateKey,
  literalString,
  localStateKey,
  readStateKey,
  stateKeyType,
  workspaceStateKey,
} from './stateLocation.js';
import { isTerragruntPath, TERRAGRUNT_DEPENDENCY } from './terragrunt.js';
import { includingDirectories, runsIncludedModule } from './terragruntIncludes.js';

/*
 * What links a repository's configurations, read from each file alone (so the app can keep it per
 * blob): the local modules it calls, the state its root keeps (a `backend`), and the states of
 * other roots it reads (`data "terraform_remote_state"`). A change reaches a module's callers
 * and, through outputs, the roots that read its root's state.
 */

const STATE_OF = 'state-of:';
const LOCAL_STATE_OF = 'local-state-of:';
const READS_STATE = 'reads-state:';
/** the file's code may read other files of the tree (see fileReadingLinks) */
const READS_FILES = 'reads-files';
/** ... and names a var file among them */
const READS_VAR_FILES = 'reads-var-files';
/**
 * a Terragrunt deployment that runs the module an included file names (no `terraform { source }`
 * of its own): which one is known only once that file is read, so it may call any
 */
const CALLS_ANY_MODULE = 'calls-any-module';
/** a remote state whose location is not known from the file alone: it may be any root's */
const ANY_STATE = '*';
/** after STATE_OF, a backend whose location is completed at `init` (`-backend-config`), then its type */
const PARTIAL_STATE = '?';

/** Whether a file's text may hold a link at all: a module call, a backend, a remote state. */
export function mayLinkConfigurations(text: string, path: string): boolean {
  return (
    isTerragruntPath(path) ||
    mayCallLocalModule(text) ||
    text.includes('terraform_remote_state') ||
    text.includes('tfe_outputs') ||
    STATE_BLOCK.test(text)
  );
}

/**
 * `backend "s3" {` or `cloud {` in native syntax, `"backend":` or `"cloud":` in JSON: not a
 * `backend_pool`, a `backend = "s3"` argument or a word in a string.
 */
const STATE_BLOCK = /\bbackend\s*"|"backend"|\bcloud\s*\{|"cloud"/;

/**
 * A file's links, as strings: its local module sources (`./x`, `../y`, as `localModuleSources`
 * gives them) and markers for the state it keeps and the states it reads. Markers never start
 * with `./` or `../`, so a consumer of module sources alone passes them by.
 */
export function configurationLinks(file: ParsedFile): string[] {
  const links = localModuleSources(file);
  // A deployment that includes a parent configuration takes its inputs, like a call takes a module's outputs.
  for (const directory of includingDirectories(file)) links.push(relativeTo(moduleDirectory(file.path), directory));
  if (runsIncludedModule(file)) links.push(CALLS_ANY_MODULE);
  for (const block of file.blocks) {
    const attribute = (name: string) => block.attributes.find((a) => a.name === name)?.expr;
    if (block.type === 'terraform') {
      for (const nested of block.blocks) {
        if (nested.type === 'backend') links.push(backendLink(nested));
        // Terraform Cloud: a workspace, as a `remote` backend names it
        if (nested.type === 'cloud') links.push(STATE_OF + (backendStateKey('remote', nested, '.') ?? ''));
      }
    } else if (block.type === 'data' && block.labels[0] === 'terraform_remote_state') {
      // A local state's path is read from where Terraform runs, which the file alone does not tell.
      const key = readStateKey(attribute('backend'), attribute('config'), () => null);
      links.push(READS_STATE + (key ?? ANY_STATE));
    } else if (block.type === 'data' && block.labels[0] === TERRAGRUNT_DEPENDENCY) {
      const path = attribute('config_path');
      const key = path && literalString(path);
      links.push(READS_STATE + ((key && deploymentStateKey(key, moduleDirectory(file.path))) ?? ANY_STATE));
    } else if (block.type === 'data' && block.labels[0] === 'tfe_outputs') {
      const key = workspaceStateKey(attribute('organization'), attribute('workspace'));
      links.push(READS_STATE + (key ?? ANY_STATE));
    }
  }
  return links;
}

/**
 * What a file's text alone says of the files its code reads: a marker when it may read any
 * (terraform/fileReads.ts), which makes its module one a changed value file may reach. Known from
 * the text without parsing: add it to configurationLinks' answer, or give it alone for a file
 * `mayLinkConfigurations` passes by.
 */
export function fileReadingLinks(text: string): string[] {
  if (!mayReadFiles(text)) return [];
  return mayReadVarFiles(text) ? [READS_FILES, READS_VAR_FILES] : [READS_FILES];
}

/** `../../` from `directory` to `above`, one of the directories it is in: a local module source. */
function relativeTo(directory: string, above: string): string {
  const depth = (path: string) => (path === '.' ? 0 : path.split('/').length);
  return '../'.repeat(depth(directory) - depth(above));
}

function backendLink(backend: Block): string {
  const type = backend.labels[0] ?? '';
  if (type === 'local') {
    const path = backend.attributes.find((a) => a.name === 'path')?.expr;
    return LOCAL_STATE_OF + (path ? (literalString(path) ?? '') : 'terraform.tfstate');
  }
  return STATE_OF + (backendStateKey(type, backend, '.') ?? PARTIAL_STATE + type);
}

/** Builds a repository's module graph from each configuration file's directory and links. */
export class ModuleGraphBuilder {
  private readonly modules = new Set<string>();
  private readonly calls = new Map<string, Set<string>>();
  /** state key → the directories whose backend keeps it */
  private readonly keepers = new Map<string, Set<string>>();
  /** directory → the state keys it reads (ANY_STATE: unknown) */
  private readonly readers = new Map<string, Set<string>>();
  /** backend type → the directories whose backend of that type is completed at `init` (`-backend-config`) */
  private readonly partialKeepers = new Map<string, Set<string>>();
  /** directories whose code may read other files of the tree, and those of them naming a var file */
  private readonly fileReaders = new Set<string>();
  private readonly varFileReaders = new Set<string>();
  private readonly anyModuleCallers = new Set<string>();

  add(directory: string, links: readonly string[]): void {
    this.modules.add(directory);
    // Every directory is a deployment Terragrunt's `dependency` may name by its path.
    const deployment = deploymentStateKey('.', directory);
    if (deployment !== null) setOf(this.keepers, deployment).add(directory);
    addModuleCalls(this.calls, directory, links);
    for (const link of links) {
      let key: string | null = null;
      if (link.startsWith(STATE_OF + PARTIAL_STATE))
        setOf(this.partialKeepers, link.slice((STATE_OF + PARTIAL_STATE).length)).add(directory);
      else if (link.startsWith(STATE_OF)) key = link.slice(STATE_OF.length) || null;
      else if (link.startsWith(LOCAL_STATE_OF)) key = localStateKey(link.slice(LOCAL_STATE_OF.length), directory);
      if (key !== null) setOf(this.keepers, key).add(directory);
      if (link.startsWith(READS_STATE)) setOf(this.readers, directory).add(link.slice(READS_STATE.length));
      if (link === READS_FILES) this.fileReaders.add(directory);
      if (link === READS_VAR_FILES) this.varFileReaders.add(directory);
      if (link === CALLS_ANY_MODULE) this.anyModuleCallers.add(directory);
    }
  }

  graph(): ModuleGraph {
    for (const caller of this.anyModuleCallers)
      for (const module of this.modules) if (module !== caller) setOf(this.calls, caller).add(module);
    const called = new Set([...this.calls.values()].flatMap((callees) => [...callees]));
    const roots = [...this.modules].filter((directory) => !called.has(directory));
    const stateReads = new Map<string, Set<string>>();
    for (const [reader, keys] of this.readers) {
      const read = new Set<string>();
      for (const key of keys) {
        // A state kept by one root names it; one kept by several, or unknown, may be any of them; one
        // no root names may be kept by any root whose backend of that type is completed at init.
        const named = key === ANY_STATE ? undefined : [...(this.keepers.get(key) ?? [])];
        const keepers = (named?.length === 0 ? [...(this.partialKeepers.get(stateKeyType(key)) ?? [])] : named)?.filter(
          (d) => !called.has(d),
        );
        for (const root of keepers?.length === 1 ? keepers : key === ANY_STATE ? roots : (keepers ?? []))
          if (root !== reader) read.add(root);
      }
      if (read.size > 0) stateReads.set(reader, read);
    }
    return {
      modules: this.modules,
      calls: this.calls,
      stateReads,
      fileReaders: this.fileReaders,
      varFileReaders: this.varFileReaders,
    };
  }
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
