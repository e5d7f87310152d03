/** The module a file belongs to is its directory: '.' for the root, else a POSIX path. */
export function moduleDirectory(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Override files (`override.tf`, `*_override.tf`, and their `.tf.json`, `.tofu` and `.tofu.json`
 * forms) are merged into the objects the other files of the module define, after them, in
 * lexical order.
 */
export function isOverrideFile(path: string): boolean {
  const name = baseName(path).replace(/\.(tf|tofu)(\.json)?$/, '');
  return name === 'override' || name.endsWith('_override');
}
