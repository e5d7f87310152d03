import { isEnvironmentVariablesPath, isVariablesPath } from './configurationFiles.js';
import { isDocumentation } from './documentation.js';
import { isTerraformPath } from './parseFile.js';

/**
 * Text that may read other files of the tree: a file function, a path reference, a command a
 * provisioner or an external program runs, a local Helm chart, a manifest pattern. A test on the
 * text alone, generous on purpose: a configuration it misses would have a changed file it reads
 * go unjudged.
 */
const READS_FILES =
  /\b(file|templatefile|filebase64|fileset|filemd5|filesha1|filesha256|filesha512|filebase64sha256|filebase64sha512)\s*\(|path\.(module|root|cwd)|provisioner|program|source_(dir|file)|filename|helm_release|kubectl_path_documents/;

/** Whether a configuration file's text may read other files of the tree (see READS_FILES). */
export function mayReadFiles(text: string): boolean {
  return READS_FILES.test(text);
}

/**
 * Whether a configuration file's text may read a var file as a value (`decode_tfvars(file(...))`,
 * `jsondecode(file("net.tfvars.json"))`): it reads files and names one. Terraform loads var files
 * on its own; code reading one is rare, so a changed var file follows only these readers.
 */
export function mayReadVarFiles(text: string): boolean {
  return text.includes('.tfvars') && mayReadFiles(text);
}

/**
 * A file whose content counts only where code reads it: not Terraform configuration, not a var
 * file (one that sets variables through the environment — a workflow, a pipeline, an `.envrc` —
 * is both: `yamldecode(file(...))` may read it), not documentation. Which module reads it is known
 * only once the code that may read files is read.
 */
export function isValueFilePath(path: string): boolean {
  return (
    !isTerraformPath(path) && (!isVariablesPath(path) || isEnvironmentVariablesPath(path)) && !isDocumentation(path)
  );
}
