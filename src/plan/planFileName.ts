/** The name of the plan file the repository's top directory (root `.`) has in the artifact. */
const TOP_DIRECTORY_PLAN = 'root.json';

/**
 * The file in the plan artifact that holds a root's plan: its directory with every `/` written
 * `__`, then `.json` (`stacks/prod` → `stacks__prod.json`; the top directory → `root.json`). A
 * flat name survives however the workflow uploads the files (upload-artifact drops the
 * directories the files share), and one name per root lets Four Eyes tell which root's plan is
 * missing.
 */
export function planFileName(root: string): string {
  return root === '.' ? TOP_DIRECTORY_PLAN : `${root.replaceAll('/', '__')}.json`;
}
