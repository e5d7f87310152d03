/** One revision of a repository's files, as the pure core sees them: no file system, no Git. */
export interface SourceFile {
  /** POSIX path relative to the tree root */
  path: string;
  content: string;
  /** Git's blob SHA of the content, when known: a key for caching its parse */
  blobSha?: string;
}

export interface SourceTree {
  files: SourceFile[];
  /**
   * The paths of the revision's other files, which were not read (the app reads only what a
   * change reaches). A file function that names one cannot see its content: the change set lists
   * it in `unreadFiles`, for the caller to read it and build again. Absent: `files` is everything.
   */
  notRead?: readonly string[];
}

/**
 * Directories whose files are never read as configuration: VCS metadata, and JavaScript packages
 * (the command line does not even list them, as a working tree's installed packages can be
 * hundreds of thousands of files). A module call into `node_modules` is judged as a remote one
 * (its code is not read), and a committed package's change is a changed file like any other.
 */
const IGNORED_DIRECTORIES = new Set(['.git', 'node_modules']);

export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((segment) => IGNORED_DIRECTORIES.has(segment));
}

export function isGitMetadataPath(path: string): boolean {
  return path.split('/').includes('.git');
}

/**
 * A file under a `.terraform/` directory: Terraform's working data (downloaded modules, provider
 * plugins, the backend it was initialised with). Normally never committed; when it is, `terraform
 * init` reuses it, so a change there can swap the code a run executes. Such files are compared
 * (and judged by a file rule) but never parsed as the configuration under review.
 */
export function isInTerraformDataDirectory(path: string): boolean {
  return path.split('/').slice(0, -1).includes('.terraform');
}
