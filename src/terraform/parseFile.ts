import { parseTerraformJson } from './jsonSyntax.js';
import type { ParsedFile } from './model.js';
import { parseHcl } from './parser.js';
import type { SourceFile } from './sourceTree.js';
import { isInTerraformDataDirectory } from './sourceTree.js';

/** The endings of configuration files: Terraform's, and OpenTofu's `.tofu` forms of them. */
const CONFIGURATION_EXTENSIONS = ['.tf', '.tf.json', '.tofu', '.tofu.json'] as const;

/**
 * Which files are configuration under review: `.tf` and `.tofu` (native syntax), `.tf.json` and
 * `.tofu.json` (JSON syntax). Files under a `.terraform/` directory are not: that is what
 * `terraform init` downloaded (modules, providers), a different thing from the configuration a
 * reviewer reads, and judged as files instead (see the terraform-control catalog).
 */
export function isTerraformPath(path: string): boolean {
  return CONFIGURATION_EXTENSIONS.some((extension) => path.endsWith(extension)) && !isInTerraformDataDirectory(path);
}

export function parseTerraformFile(file: SourceFile): ParsedFile {
  return file.path.endsWith('.json') ? parseTerraformJson(file.content, file.path) : parseHcl(file.content, file.path);
}
