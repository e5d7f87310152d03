import { isProse } from '../terraform/documentation.js';
import { globMatch } from '../util/glob.js';

/**
 * The paths of one side that a pipeline's or script's words may name, with the lookups
 * `namedFiles` makes, each answered once: a pull request's scripts may repeat a glob or a
 * directory thousands of times. Globs over the whole tree are bounded (MAX_TREE_GLOBS distinct
 * patterns); past that, a glob is matched against the changed files only, which still finds every
 * changed file it names (what the findings are about) but follows no more unchanged scripts.
 */
export class KnownFiles {
  private readonly globs = new Map<string, string[]>();
  private byDirectory: Map<string, string[]> | null = null;

  constructor(
    private readonly paths: ReadonlySet<string>,
    /** the changed files: what a glob past the bound is matched against */
    private readonly changed: ReadonlySet<string>,
  ) {}

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** The files a glob of one kind of file matches (`ci/hooks/*.sh`), prose left out. */
  matching(pattern: string): string[] {
    let found = this.globs.get(pattern);
    if (found) return found;
    const over = this.globs.size < MAX_TREE_GLOBS ? this.paths : this.changed;
    found = [...over].filter((path) => globMatch(path, pattern) && !isProse(path));
    this.globs.set(pattern, found);
    return found;
  }

  /** The files directly in `directory` (not below it): what a search path lets run by name. */
  inDirectory(directory: string): readonly string[] {
    if (!this.byDirectory) {
      this.byDirectory = new Map();
      for (const path of this.paths) {
        const slash = path.lastIndexOf('/');
        const parent = slash < 0 ? '.' : path.slice(0, slash);
        const files = this.byDirectory.get(parent);
        if (files) files.push(path);
        else this.byDirectory.set(parent, [path]);
      }
    }
    return this.byDirectory.get(directory) ?? [];
  }

  /** Every file under `prefix` (`ci/deploy/`, or `` for the whole tree): a local action's files. */
  under(prefix: string): string[] {
    return [...this.paths].filter((path) => path.startsWith(prefix));
  }
}

/** Distinct glob patterns matched against the whole tree, per side; more are matched against the changed files. */
const MAX_TREE_GLOBS = 1_000;
