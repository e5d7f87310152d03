/**
 * Applies a unified diff's hunks (GitHub's `patch` of a pull request's file: hunks without the
 * `---`/`+++` header) to `base`. Null when the patch is not one this applier can apply exactly:
 * a malformed hunk, a context or removed line that is not the base's, counts that do not add up.
 * Whoever uses the result still checks it against the head's blob SHA: a patch is a shortcut to
 * the head's text, never a source of truth about it.
 */
export function applyUnifiedPatch(base: string, patch: string): string | null {
  const baseLines = linesOf(base);
  const patchLines = patch.split('\n');
  if (patchLines.at(-1) === '') patchLines.pop();
  const out: string[] = [];
  let next = 0; // the next base line to copy
  let at = 0;
  while (at < patchLines.length) {
    const header = HUNK_HEADER.exec(patchLines[at]!);
    if (!header) return null;
    const hunk = hunkCounts(header);
    // A hunk of no base lines starts after line `start`; otherwise at it.
    const start = hunk.baseCount === 0 ? hunk.baseStart : hunk.baseStart - 1;
    if (start < next || start > baseLines.length) return null;
    out.push(...baseLines.slice(next, start));
    next = start;
    const applied = applyHunk(patchLines, at + 1, baseLines, next, out);
    if (!applied || applied.baseUsed !== hunk.baseCount || applied.headMade !== hunk.headCount) return null;
    next += applied.baseUsed;
    at = applied.end;
  }
  out.push(...baseLines.slice(next));
  return out.join('');
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const NO_NEWLINE = '\\ No newline at end of file';

function hunkCounts(header: RegExpExecArray): { baseStart: number; baseCount: number; headCount: number } {
  return {
    baseStart: Number(header[1]),
    baseCount: header[2] === undefined ? 1 : Number(header[2]),
    headCount: header[4] === undefined ? 1 : Number(header[4]),
  };
}

/** Each line with its own line ending (the last one may have none). */
function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => `${line}\n`);
  const last = lines.pop()!;
  if (last !== '\n') lines.push(last.slice(0, -1));
  return lines;
}

/**
 * The hunk's lines from `from` to the next header: context and removed lines must be the base's
 * from `baseAt` on; context and added lines are written to `out`.
 */
function applyHunk(
  patchLines: string[],
  from: number,
  baseLines: string[],
  baseAt: number,
  out: string[],
): { end: number; baseUsed: number; headMade: number } | null {
  let baseUsed = 0;
  let headMade = 0;
  let at = from;
  for (; at < patchLines.length && !patchLines[at]!.startsWith('@@'); at++) {
    const line = patchLines[at]!;
    const marker = line[0];
    if (marker !== ' ' && marker !== '-' && marker !== '+') return null;
    const ending = patchLines[at + 1] === NO_NEWLINE ? '' : '\n';
    const text = line.slice(1) + ending;
    if (marker !== '+') {
      if (baseLines[baseAt + baseUsed] !== text) return null;
      baseUsed++;
    }
    if (marker !== '-') {
      out.push(text);
      headMade++;
    }
    if (ending === '') at++;
  }
  return { end: at, baseUsed, headMade };
}
