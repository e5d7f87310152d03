/**
 * Which files make up a Terraform (or OpenTofu) configuration. A directory with a configuration
 * file is a module; variable files assign its root's input variables.
 */

/** `.tf`, `.tf.json` and OpenTofu's `.tofu`, `.tofu.json`: the files that define a module. */
export function isConfigurationPath(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json') || path.endsWith('.tofu') || path.endsWith('.tofu.json');
}

/** `.tfvars` and `.tfvars.json`: values of a root's input variables. */
export function isVariablesPath(path: string): boolean {
  return path.endsWith('.tfvars') || path.endsWith('.tfvars.json');
}

/** Configuration or variable files: read whenever their module directory is affected. */
export function isTerraformSourcePath(path: string): boolean {
  return isConfigurationPath(path) || isVariablesPath(path);
}
