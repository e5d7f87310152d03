import type { JsonValue, ValueMarks } from './planModel.js';
import { isBlockList } from './valueBody.js';

/** The whole object is marked (a data source read entirely at apply time): every path is. */
export const WHOLE_OBJECT = '';

/**
 * The attribute paths (in the change set's scheme, see valueBody.ts) that hold a marked leaf:
 * `policy`, `ingress[0].cidr_blocks`, `tags`. A mark inside an attribute's value marks the
 * attribute; a marked key missing from the value is listed by its name.
 */
export function markedPaths(value: JsonValue, marks: ValueMarks): string[] {
  if (marks === true) return [WHOLE_OBJECT];
  const out: string[] = [];
  collect(value, marks, '', out);
  return out.sort();
}

function collect(value: JsonValue, marks: ValueMarks, prefix: string, out: string[]): void {
  if (marks === null || typeof marks !== 'object' || Array.isArray(marks)) return;
  const object: { [key: string]: JsonValue } =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  for (const [name, mark] of Object.entries(marks)) {
    if (!hasMark(mark)) continue;
    const item = object[name];
    if (item !== undefined && isBlockList(item)) {
      if (mark === true) {
        out.push(prefix + name);
        continue;
      }
      if (!Array.isArray(mark)) continue;
      item.forEach((element, index) => {
        collect(element, mark[index] ?? false, `${prefix}${name}[${index}].`, out);
      });
      continue;
    }
    out.push(prefix + name);
  }
}

/** Whether any leaf of a mark tree is marked. */
function hasMark(marks: ValueMarks): boolean {
  if (marks === true) return true;
  if (marks === false || marks === null) return false;
  return (Array.isArray(marks) ? marks : Object.values(marks)).some(hasMark);
}
