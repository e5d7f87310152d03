import { isEnvironmentVariablesPath } from '../terraform/configurationFiles.js';
import { isProse } from '../terraform/documentation.js';
import type { FileChange } from '../terraform/fileChanges.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { isTerraformPath } from '../terraform/parseFile.js';
import type { FlowSide } from './followValues.js';

/**
 * Changed files no function Four Eyes follows read, but whose directory (or name) the code of a
 * module above them writes in a string: `pattern = "manifests/*.yaml"` of a provider's data
 * source that reads files, a `source = "${path.module}/site/"` of an upload. What the
 * configuration does with such a file is not known, so it is a finding of its own at the default
 * tier (`unreached-value`) rather than no change at all.
 */
export function filesNamedNotRead(
  valueFiles: readonly FileChange[],
  sides: readonly FlowSide[],
  read: (path: string) => boolean,
): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  // Each side's Terraform files by directory, once: a commit may change thousands of other files.
  let indexed: { side: FlowSide; byDir: Map<string, string[]> }[] | null = null;
  for (const file of valueFiles) {
    if (isProse(file.path) || isEnvironmentVariablesPath(file.path) || read(file.path)) continue;
    indexed ??= sides.map((side) => ({ side, byDir: terraformFilesByDirectory(side) }));
    const naming = indexed.map((entry) => namingOf(file.path, entry)).find((found) => found !== null);
    if (naming)
      out.push({
        path: file.path,
        reason: `${naming.file}:${naming.line} names "${naming.needle}" in an argument Four Eyes does not read files for, so what the configuration does with this file is not known`,
      });
  }
  return out;
}

/** The first place in the Terraform code of a module above `path` that writes its directory (or its name) in a string. */
function namingOf(
  path: string,
  { side, byDir }: { side: FlowSide; byDir: ReadonlyMap<string, string[]> },
): { file: string; line: number; needle: string } | null {
  for (let dir = moduleDirectory(path); ; dir = moduleDirectory(dir)) {
    if (side.modules.has(dir)) {
      const relative = dir === '.' ? path : path.slice(dir.length + 1);
      const slash = relative.indexOf('/');
      const needle = slash < 0 ? relative : relative.slice(0, slash + 1);
      for (const file of byDir.get(dir) ?? []) {
        const content = side.files.get(file)!;
        const at = quotedAt(content, needle);
        if (at >= 0) return { file, line: content.slice(0, at).split('\n').length, needle };
      }
    }
    if (dir === '.') return null;
  }
}

function terraformFilesByDirectory(side: FlowSide): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  for (const path of side.files.keys()) {
    if (!isTerraformPath(path)) continue;
    const dir = moduleDirectory(path);
    const files = byDir.get(dir);
    if (files) files.push(path);
    else byDir.set(dir, [path]);
  }
  return byDir;
}

/** Where `needle` starts a path in a string of `content` (after a quote, a `/` or an interpolation's `}`); -1 if nowhere. */
function quotedAt(content: string, needle: string): number {
  for (let from = content.indexOf(needle); from >= 0; from = content.indexOf(needle, from + 1)) {
    const before = content[from - 1];
    if (before === '"' || before === '/' || before === '}') return from;
  }
  return -1;
}
