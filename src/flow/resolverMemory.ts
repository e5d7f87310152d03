import { contentDigest } from './fileFunctions.js';
import type { ReferenceKind } from './reachInputs.js';
import type { ConfigurationSide, ModuleScope, Resolved } from './scope.js';
import type { SourceNode } from './sources.js';

/** Resolution deeper than this is a cycle or a pathological configuration: the reference stays as written. */
const MAX_DEPTH = 64;

/**
 * What a Resolver keeps while it reads one side of a change: every value it resolved, by scope and
 * reference (a var-file context takes the auto-loaded context's where it sets nothing the value
 * reads), the digest of every source it visited, how deep it is (a cycle stops), and the roots
 * whose state it is reading.
 */
export abstract class ResolverMemory {
  /** the digest of every source visited, by id: compared between base and head */
  readonly digests = new Map<string, string>();
  /** file functions whose path is known only at apply time (`file` is the module directory): a changed file may be read there */
  /**
   * Reads whose path is known only at apply time; `mayName` limits the changed files such a read
   * is reported as perhaps reading (absent: any file).
   */
  readonly unresolvedReads: { text: string; file: string; line: number; mayName?: RegExp }[] = [];
  private readonly memo = new Map<string, Resolved>();
  /** the memo keys set since startNoting, or null when not noting */
  private noted: string[] | null = null;
  private depth = 0;
  /** the roots whose outputs are being read through remote state, innermost last: a cycle stops there */
  private readonly remoteReading: string[] = [];

  constructor(
    readonly side: ConfigurationSide,
    readonly callScope: (scope: ModuleScope, callName: string) => ModuleScope | null,
  ) {}

  /** The root scopes whose state `data.<type>.<name>` of `scope` may read (a state reader; remoteState.ts). */
  protected abstract remoteRootsOf(scope: ModuleScope, type: string, dataName: string): ModuleScope[];

  /**
   * The value remembered under `suffix` in `scope`, else (for a reference of `kind`) the
   * auto-loaded context's, when `scope` is in a var-file context that sets nothing it reads.
   */
  known(scope: ModuleScope, suffix: string, kind?: ReferenceKind, name?: string): Resolved | undefined {
    const memoKey = scope.key + suffix;
    return (
      this.memo.get(memoKey) ??
      (kind && name !== undefined ? this.shared(scope, suffix, kind, name, memoKey) : undefined)
    );
  }

  /** Remembers `resolved` under `suffix` in `scope` (see known), and returns it. */
  remember(scope: ModuleScope, suffix: string, resolved: Resolved): Resolved {
    this.note(scope.key + suffix, resolved);
    return resolved;
  }

  private note(key: string, resolved: Resolved): void {
    if (this.noted && !this.memo.has(key)) this.noted.push(key);
    this.memo.set(key, resolved);
  }

  /**
   * Starts noting what is remembered from now on, for `forgetNoted` (a var-file context about to
   * be compared): a root with many var files would otherwise hold every context's values at once.
   */
  startNoting(): void {
    this.noted = [];
  }

  /** Forgets what was remembered since `startNoting`: only a cache is dropped, a value asked again is resolved again. */
  forgetNoted(): void {
    for (const key of this.noted ?? []) this.memo.delete(key);
    this.noted = null;
  }

  /** `read` one level deeper, or null when that is deeper than any configuration goes (a cycle). */
  deeper(read: () => Resolved | null): Resolved | null {
    if (this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /**
   * `read` in each root scope whose state `data.<type>.<name>` of `scope` may read (see
   * remoteState.ts), but those whose outputs are being read already (a cycle).
   */
  inRemoteRoots(
    scope: ModuleScope,
    type: string,
    dataName: string,
    read: (remote: ModuleScope) => Resolved,
  ): Resolved[] {
    const out: Resolved[] = [];
    for (const remote of this.remoteRootsOf(scope, type, dataName)) {
      if (this.remoteReading.includes(remote.root)) continue;
      const resolved = this.deeper(() => {
        this.remoteReading.push(remote.root);
        try {
          return read(remote);
        } finally {
          this.remoteReading.pop();
        }
      });
      if (resolved) out.push(resolved);
    }
    return out;
  }

  /**
   * The auto-loaded context's value of a reference (`suffix` of its memo key), when `scope` is in a
   * var-file context that sets nothing it reads (see SharedContext); remembered under `memoKey` too.
   */
  private shared(
    scope: ModuleScope,
    suffix: string,
    kind: ReferenceKind,
    name: string,
    memoKey: string,
  ): Resolved | undefined {
    if (!scope.shared || scope.shared.isBase) return undefined;
    const value = this.memo.get(scope.shared.baseKey + scope.callPath + suffix);
    if (!value || !scope.shared.sharesReference(kind, name, scope)) return undefined;
    this.note(memoKey, value);
    return value;
  }

  /**
   * A file as a source. With `ask` false, a file the tree has not read is not asked for: it is
   * unchanged (the app reads every changed file), so it is the same at both sides unread.
   */
  fileNode(path: string, ask = true): SourceNode {
    const content = ask ? this.side.files.content(path) : this.side.files.readContent(path);
    return this.node(`file|${path}`, path, path, 1, content === undefined ? 'unread' : contentDigest(content));
  }

  node(id: string, label: string, file: string, line: number, digest: string): SourceNode {
    this.digests.set(id, digest);
    return { id, label, file, line, digest };
  }
}
