import { configurationPathMatches } from '../classify/attributePath.js';
import { WHOLE_OBJECT } from './valueMarks.js';

/**
 * Whether a value matcher's attribute glob looks at a path whose value is unknown: the path
 * itself, something inside it (the glob names `ingress.cidr_blocks`, the whole `ingress` is
 * unknown), or everything when the whole object is unknown.
 */
export function unknownWatched(glob: string, unknownPath: string): boolean {
  if (unknownPath === WHOLE_OBJECT) return true;
  if (configurationPathMatches(unknownPath, glob)) return true;
  const container = withoutIndices(unknownPath) + '.';
  return withoutIndices(glob).startsWith(container);
}

function withoutIndices(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}
