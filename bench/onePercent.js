// The pull request the classification benches time: a whole tree with 1% of its `.tf` files
// changed, the same files on every machine. Shared by bench/classifyCorpus.js (in memory) and
// bench/memory.js (written to a directory for the command line).

/** One file in this many is changed. */
const CHANGE_ONE_IN = 100;

/** The first quoted string of an argument: `  name = "value"`. */
const LITERAL = /^(\s*[A-Za-z_][A-Za-z0-9_-]*\s*=\s*")([^"\\$%\n]*)"/m;

/**
 * Which `.tf` paths change: every hundredth by path, at least one.
 * @param {string[]} paths every path of the tree
 */
export function onePercentOf(paths) {
  const terraform = paths.filter((path) => path.endsWith('.tf')).sort();
  const count = Math.max(1, Math.ceil(terraform.length / CHANGE_ONE_IN));
  return new Set(Array.from({ length: count }, (_, k) => terraform[Math.floor((k * terraform.length) / count)]));
}

/**
 * A file's changed content: the first quoted string of an argument gets a suffix (an update of
 * that object); a file without one gets a new local (a create). Either way the change is real,
 * not formatting, so the classifier has something to judge.
 * @returns {{ content: string, update: boolean }}
 */
export function changedContent(content) {
  if (LITERAL.test(content)) return { content: content.replace(LITERAL, '$1$2-four-eyes-bench"'), update: true };
  return { content: `${content}\nlocals {\n  four_eyes_bench = "changed"\n}\n`, update: false };
}

/** The tree with 1% of its Terraform files changed (see onePercentOf, changedContent). */
export function withOnePercentChanged(tree) {
  const chosen = onePercentOf(tree.files.map((file) => file.path));
  let updates = 0;
  const files = tree.files.map((file) => {
    if (!chosen.has(file.path)) return file;
    const changed = changedContent(file.content);
    if (changed.update) updates++;
    return { ...file, content: changed.content };
  });
  return { tree: { files }, changed: chosen.size, updates };
}
