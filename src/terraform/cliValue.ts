import type { Expression, Range } from './model.js';
import { parseHcl } from './parser.js';

/**
 * A value given outside HCL — `-var name=value`, a `TF_VAR_` — as Terraform reads it: a list,
 * map or object is written in HCL (`["0.0.0.0/0"]`), anything else is the string itself. Placed
 * at `range` (it was parsed from a line of its own).
 */
export function cliValue(text: string, range: Range, path: string): Expression {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const parsed = parseHcl(`value = ${trimmed}\n`, path);
    const expr = parsed.attributes[0]?.expr;
    if (expr && !parsed.diagnostics.some((d) => d.severity === 'error')) return { ...expr, range };
  }
  return { kind: 'literal', value: text, range };
}
