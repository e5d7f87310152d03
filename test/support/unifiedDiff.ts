/**
 * A unified diff of two texts as GitHub gives a pull request file's `patch` (hunks, no header):
 * one hunk around everything between their common first and last lines, with three lines of
 * context. Not the smallest diff git would print, but one any applier must apply the same way.
 */
export function unifiedDiff(base: string, head: string): string {
  const before = linesOf(base);
  const after = linesOf(head);
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  if (prefix === before.length && prefix === after.length) return '';
  const from = Math.max(0, prefix - 3);
  const to = Math.min(suffix, 3);
  const context = (lines: string[], start: number, end: number) => lines.slice(start, end).flatMap((l) => line(' ', l));
  const body = [
    ...context(before, from, prefix),
    ...before.slice(prefix, before.length - suffix).flatMap((l) => line('-', l)),
    ...after.slice(prefix, after.length - suffix).flatMap((l) => line('+', l)),
    ...context(before, before.length - suffix, before.length - suffix + to),
  ];
  const baseCount = before.length - suffix + to - from;
  const headCount = after.length - suffix + to - from;
  const start = (count: number) => (count === 0 ? from : from + 1);
  return [`@@ -${start(baseCount)},${baseCount} +${start(headCount)},${headCount} @@`, ...body].join('\n');
}

/** Lines with their endings. */
function linesOf(text: string): string[] {
  return text === '' ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

/** A line of the diff: a line without its ending is followed by git's marker. */
function line(marker: string, text: string): string[] {
  return text.endsWith('\n') ? [marker + text.slice(0, -1)] : [marker + text, '\\ No newline at end of file'];
}
