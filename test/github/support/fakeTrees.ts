/** A file of a commit as the fake GitHub holds it: `mode` is Git's, in octal text ('120000' a link). */
interface FakeFile {
  path: string;
  mode?: string;
}

/**
 * `object(expression: "<sha>:<directory>") { ... on Tree { entries { name mode } } }` as GitHub
 * answers it: the files and directories directly in the directory, modes as integers; null
 * when the commit has no such directory.
 */
export function treeEntriesAt(
  expression: unknown,
  filesAt: (sha: string) => FakeFile[] | null,
): { entries: { name: string; mode: number }[] } | null {
  const [sha = '', ...rest] = String(expression).split(':');
  const directory = rest.join(':');
  const prefix = directory === '' ? '' : `${directory}/`;
  const entries = new Map<string, number>();
  for (const file of filesAt(sha) ?? []) {
    if (!file.path.startsWith(prefix)) continue;
    const [name = '', ...below] = file.path.slice(prefix.length).split('/');
    entries.set(name, below.length > 0 ? 0o040000 : Number.parseInt(file.mode ?? '100644', 8));
  }
  return entries.size === 0 ? null : { entries: [...entries].map(([name, mode]) => ({ name, mode })) };
}
