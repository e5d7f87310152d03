import { configurationPathMatches } from '../classify/attributePath.js';
import { WHOLE_OBJECT } from './valueMarks.js';

/**
 * Whether a value matcher's attribute glob looks at a path whose value is unknown: the path
 * itself, something inside it (the glob names `ingress.cidr_blocks`, the whole `ingress` is
 * unknown), or everything when the whole object is unknown.
 */
export function unknownWatched(glob: string, unknownPath: string): boolean {
  if (unknownPath === WHOLE_OBJECT) return true;
  let answers = answersByGlob.get(glob);
  if (answers === undefined) {
    answers = new Map();
    answersByGlob.set(glob, answers);
  }
  let answer = answers.get(unknownPath);
  if (answer === undefined) {
    answer =
      configurationPathMatches(unknownPath, glob) || withoutIndices(glob).startsWith(`${withoutIndices(unknownPath)}.`);
    // Bounded per glob; the objects of a plan share their unknown paths (`id`, `arn`), so this rarely clears.
    if (answers.size > 50_000) answers.clear();
    answers.set(unknownPath, answer);
  }
  return answer;
}

/** Answers by glob, then unknown path: asked for every value rule and unknown path of every planned object. */
const answersByGlob = new Map<string, Map<string, boolean>>();

function withoutIndices(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}
