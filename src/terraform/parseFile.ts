import { parseTerraformJson } from './jsonSyntax.js';
import { isLfsPointer, lfsPointerFile } from './lfsPointer.js';
import type { ParsedFile } from './model.js';
import { parseHcl } from './parser.js';
import type { SourceFile } from './sourceTree.js';
import { isInTerraformDataDirectory } from './sourceTree.js';
import { isTerragruntPath, parseTerragrunt } from './terragrunt.js';

/** The endings of configuration files: Terraform's, and OpenTofu's `.tofu` forms of them. */
const CONFIGURATION_EXTENSIONS = ['.tf', '.tf.json', '.tofu', '.tofu.json'] as const;

/**
 * Which files are configuration under review: `.tf` and `.tofu` (native syntax), `.tf.json` and
 * `.tofu.json` (JSON syntax), and Terragrunt's `terragrunt.hcl` (read as the configuration it
 * amounts to: terragrunt.ts). Files under a `.terraform/` directory are not: that is what
 * `terraform init` downloaded (modules, providers), a different thing from the configuration a
 * reviewer reads, and judged as files instead (see the terraform-control catalog).
 */
export function isTerraformPath(path: string): boolean {
  return (
    (CONFIGURATION_EXTENSIONS.some((extension) => path.endsWith(extension)) || isTerragruntPath(path)) &&
    !isInTerraformDataDirectory(path)
  );
}

export function parseTerraformFile(file: SourceFile): ParsedFile {
  if (isLfsPointer(file.content)) return lfsPointerFile(file.path, file.path.endsWith('.json') ? 'json' : 'hcl');
  if (isTerragruntPath(file.path)) return parseTerragrunt(file.content, file.path);
  return file.path.endsWith('.json') ? parseTerraformJson(file.content, file.path) : parseHcl(file.content, file.path);
}

/**
 * `read`, once per file: a file read again with the same path and content gets the first
 * result. Base and head of a change share most of their files; reading them once halves the
 * parsing and the memory their syntax trees take. Results are shared, so they must not be
 * modified (no stage does). Holds every result until it is dropped.
 */
export function oncePerContent<T>(read: (file: SourceFile) => T): (file: SourceFile) => T {
  const seen = new Map<string, { content: string; result: T }>();
  return (file) => {
    const known = seen.get(file.path);
    if (known && known.content === file.content) return known.result;
    const result = read(file);
    if (!known) seen.set(file.path, { content: file.content, result });
    return result;
  };
}
