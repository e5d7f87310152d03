import type { ParsedFile } from './model.js';
import { parseTerraformJson } from './jsonSyntax.js';
import { parseHcl } from './parser.js';
import type { SourceFile } from './sourceTree.js';

/** Which files are Terraform configuration: `.tf` (native syntax) and `.tf.json` (JSON syntax). */
export function isTerraformPath(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

export function parseTerraformFile(file: SourceFile): ParsedFile {
  return file.path.endsWith('.json') ? parseTerraformJson(file.content, file.path) : parseHcl(file.content, file.path);
}
