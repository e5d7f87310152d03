import { isVarFilePath, readVarFile } from '../flow/varFiles.js';
import { isReachedSource, reachedConfiguration } from '../terraform/affectedModules.js';
import { configurationFiles, isConfigurationPath, isTerraformSourcePath } from '../terraform/configurationFiles.js';
import {
  configurationLinks,
  fileReadingLinks,
  ModuleGraphBuilder,
  mayLinkConfigurations,
} from '../terraform/configurationLinks.js';
import { buildInventory } from '../terraform/inventory.js';
import { isUnderstood } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseTerraformFile } from '../terraform/parseFile.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath, isInTerraformDataDirectory } from '../terraform/sourceTree.js';
import type { ChangeSet } from './changeSet.js';

export interface ReachedTrees {
  base: SourceTree;
  head: SourceTree;
  /** the Terraform source files left out: out of the change's reach, and the same at both sides */
  outOfReach: SourceFile[];
}

/**
 * Two whole revisions cut down to what the change between them reaches, as the app reads a pull
 * request (github/preparedChange.ts): every changed file, every file that is not Terraform source
 * (a value counts only where code reads it), and the configuration and var files of what the
 * change reaches (terraform/affectedModules.ts). Nothing outside it can change: its files are
 * the same at both sides and no changed value reaches them. So the command line and the app
 * judge the same configuration, and a large tree with a small change is compared in a fraction
 * of the time.
 */
export function reachedTrees(base: SourceTree, head: SourceTree): ReachedTrees {
  const changed = changedPaths(base, head);
  const reached = reachedConfiguration(changed, moduleGraphOf(base, head));
  const keep = (file: SourceFile) =>
    changed.has(file.path) ||
    !isTerraformSourcePath(file.path) ||
    isIgnoredPath(file.path) ||
    isReachedSource(file.path, reached);
  return {
    base: { files: base.files.filter(keep) },
    head: { files: head.files.filter(keep) },
    outOfReach: base.files.filter((file) => !keep(file)),
  };
}

/** The paths whose content differs between the sides, or that one side lacks. */
function changedPaths(base: SourceTree, head: SourceTree): Set<string> {
  const before = new Map(base.files.map((file) => [file.path, file.content]));
  const changed = new Set<string>();
  for (const file of head.files) {
    if (before.get(file.path) !== file.content) changed.add(file.path);
    before.delete(file.path);
  }
  for (const path of before.keys()) changed.add(path);
  return changed;
}

/** The module directories of both sides, the local modules each calls and the states each reads (either side's). */
function moduleGraphOf(base: SourceTree, head: SourceTree) {
  const graph = new ModuleGraphBuilder();
  const scanned = new Map<string, { content: string; links: readonly string[] }>();
  for (const file of [...base.files, ...head.files]) {
    if (!isConfigurationPath(file.path) || isIgnoredPath(file.path)) continue;
    const directory = moduleDirectory(file.path);
    if (!mayLinkConfigurations(file.content, file.path)) {
      graph.add(directory, fileReadingLinks(file.content));
      continue;
    }
    // A file the same at both sides is parsed once.
    let known = scanned.get(file.path);
    if (known?.content !== file.content) {
      const links = [...configurationLinks(parseTerraformFile(file)), ...fileReadingLinks(file.content)];
      known = { content: file.content, links };
      scanned.set(file.path, known);
    }
    graph.add(directory, known.links);
  }
  return graph.graph();
}

/**
 * Adds to the change set the problems of the files out of its reach, at both sides, as they
 * would be had the whole trees been compared: old problems, which classification reports as
 * warnings (classify/configurationProblems.ts) so a broken corner of a repository is still
 * mentioned, but rates nothing. Only parsed, never compared: that is most of the time saved.
 */
export function withOldProblems(changeSet: ChangeSet, outOfReach: readonly SourceFile[]): ChangeSet {
  if (outOfReach.length === 0) return changeSet;
  const parsed = configurationFiles(outOfReach).map((file) => parseTerraformFile(file));
  const varFiles = outOfReach
    .filter((file) => isVarFilePath(file.path) && !isIgnoredPath(file.path) && !isInTerraformDataDirectory(file.path))
    .map(readVarFile);
  const broken = [
    ...parsed.filter((file) => !isUnderstood(file)),
    ...varFiles.filter((file) => file.diagnostics.some((d) => d.severity === 'error')),
  ];
  const problems = buildInventory(parsed.filter(isUnderstood)).problems;
  const bySide = <T extends { side: 'base' | 'head' }>(items: T[]) =>
    [...items].sort((a, b) => (a.side === b.side ? 0 : a.side === 'base' ? -1 : 1));
  // The same object, not a copy: the change set's head objects are kept against it (changeSet.ts).
  changeSet.unparsed = bySide([
    ...changeSet.unparsed,
    ...(['base', 'head'] as const).flatMap((side) =>
      broken.map((file) => ({ side, path: file.path, diagnostics: file.diagnostics })),
    ),
  ]);
  changeSet.problems = bySide([
    ...changeSet.problems,
    ...(['base', 'head'] as const).flatMap((side) => problems.map((problem) => ({ side, ...problem }))),
  ]);
  return changeSet;
}
