import type { FlowSide } from '../flow/followValues.js';
import { isVarFilePath, type VarFile } from '../flow/varFiles.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import { comparableObjects } from '../terraform/comparableObjects.js';
import { configurationFiles, isScriptPath } from '../terraform/configurationFiles.js';
import { buildInventory } from '../terraform/inventory.js';
import type { ParsedFile } from '../terraform/model.js';
import { isUnderstood } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath, isInTerraformDataDirectory } from '../terraform/sourceTree.js';
import { withIncludedInputs } from '../terraform/terragruntIncludes.js';
import type { ChangeSet, Unparsed } from './changeSet.js';

/** One revision read for the change set: what the flow analysis reads, its objects, and what could not be read. */
interface ChangeSide extends FlowSide {
  objects: Map<string, ComparableObject>;
  /** files a Terragrunt configuration reads that exist but were not read (SourceTree.notRead) */
  askedNotRead: string[];
  unparsed: Unparsed[];
  problems: ChangeSet['problems'];
}

interface SideReaders {
  parse: (file: SourceFile) => ParsedFile;
  varFile: (file: SourceFile) => VarFile;
  /** whether a file differs at the other side: a script sets variables where it changes (isScriptPath) */
  changed: (path: string) => boolean;
}

export function readChangeSide(tree: SourceTree, side: 'base' | 'head', read: SideReaders): ChangeSide {
  const parsed = configurationFiles(tree.files).map((file) => read.parse(file));
  const varFiles = tree.files
    .filter(
      (file) =>
        (isVarFilePath(file.path) || (isScriptPath(file.path) && read.changed(file.path))) &&
        !isIgnoredPath(file.path) &&
        !isInTerraformDataDirectory(file.path),
    )
    .map((file) => read.varFile(file));
  const broken = parsed.filter((file) => !isUnderstood(file));
  const brokenVarFiles = varFiles.filter((file) => file.diagnostics.some((d) => d.severity === 'error'));
  const understood = parsed.filter(isUnderstood);
  const inventory = buildInventory(understood);
  // A Terragrunt deployment's call takes the inputs of the parent it includes, and those its
  // configurations read from files (`read_terragrunt_config("env.hcl")`), written there.
  const { readText, askedNotRead } = textReader(tree);
  const objects = comparableObjects(withIncludedInputs(inventory.entries, understood, readText));
  return {
    objects,
    modules: byModule(objects),
    files: new Map(tree.files.filter((file) => !isIgnoredPath(file.path)).map((file) => [file.path, file.content])),
    notRead: new Set((tree.notRead ?? []).filter((path) => !isIgnoredPath(path))),
    varFiles: varFiles.filter((file) => !brokenVarFiles.includes(file)),
    problems: inventory.problems.map((problem) => ({ side, ...problem })),
    unknownModules: new Set(broken.map((file) => moduleDirectory(file.path))),
    unparsed: [...broken, ...brokenVarFiles].map((file) => ({ side, path: file.path, diagnostics: file.diagnostics })),
    askedNotRead,
  };
}

/**
 * The text of a tree's files by path, indexed only when first asked (most trees have no
 * Terragrunt file that reads one), and the files asked for that the tree has but did not read.
 */
function textReader(tree: SourceTree): { readText: (path: string) => string | null; askedNotRead: string[] } {
  let texts: Map<string, string> | null = null;
  let notRead: Set<string> | null = null;
  const askedNotRead: string[] = [];
  const readText = (path: string) => {
    notRead ??= new Set(tree.notRead ?? []);
    if (notRead.has(path) && !askedNotRead.includes(path)) askedNotRead.push(path);
    texts ??= new Map(tree.files.map((file) => [file.path, file.content]));
    return texts.get(path) ?? null;
  };
  return { readText, askedNotRead };
}

function byModule(objects: Map<string, ComparableObject>): Map<string, Map<string, ComparableObject>> {
  const modules = new Map<string, Map<string, ComparableObject>>();
  for (const object of objects.values()) {
    let module = modules.get(object.module);
    if (!module) {
      module = new Map();
      modules.set(object.module, module);
    }
    module.set(object.address, object);
  }
  return modules;
}
