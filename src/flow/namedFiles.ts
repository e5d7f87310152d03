import { isWorkflowPath } from '../terraform/configurationFiles.js';
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
  for (const file of valueFiles) {
    if (isProse(file.path) || isWorkflowPath(file.path) || read(file.path)) continue;
    const naming = sides.map((side) => namingOf(file.path, side)).find((found) => found !== null);
    if (naming)
      out.push({
        path: file.path,
        reason: `${naming.file}:${naming.line} names "${naming.needle}" in an argument Four Eyes does not read files for, so what the configuration does with this file is not known`,
      });
  }
  return out;
}

/** The first place in the Terraform code of a module above `path` that writes its directory (or its name) in a string. */
function namingOf(path: string, side: FlowSide): { file: string; line: number; needle: string } | null {
  for (let dir = moduleDirectory(path); ; dir = moduleDirectory(dir)) {
    if (side.modules.has(dir)) {
      const relative = dir === '.' ? path : path.slice(dir.length + 1);
      const slash = relative.indexOf('/');
      const needle = slash < 0 ? relative : relative.slice(0, slash + 1);
      for (const [file, content] of side.files) {
        if (!isTerraformPath(file) || moduleDirectory(file) !== dir) continue;
        const at = quotedAt(content, needle);
        if (at >= 0) return { file, line: content.slice(0, at).split('\n').length, needle };
      }
    }
    if (dir === '.') return null;
  }
}

/** Where `needle` starts a path in a string of `content` (after a quote, a `/` or an interpolation's `}`); -1 if nowhere. */
function quotedAt(content: string, needle: string): number {
  for (let from = content.indexOf(needle); from >= 0; from = content.indexOf(needle, from + 1)) {
    const before = content[from - 1];
    if (before === '"' || before === '/' || before === '}') return from;
  }
  return -1;
}
