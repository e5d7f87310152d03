import type { Expression, LiteralValue, TemplatePart } from '../terraform/model.js';

type Bindings = ReadonlyMap<string, LiteralValue | undefined>;
type Known = (expr: Expression, bindings: Bindings) => LiteralValue | undefined;
/** Text or an interpolation rendered, or null when its value is not known. */
type Piece = (part: Extract<TemplatePart, { kind: 'text' | 'interpolation' }>, bindings: Bindings) => string | null;

/** More output than this from loops is not rendered: a template is a document, not a generator. */
const MAX_RENDERED = 1_000_000;

/**
 * A template's text with its `%{ if }` and `%{ for }` directives rendered as Terraform renders
 * them, where each condition and collection is known: `%{ if admin }"*"%{ endif }` with
 * `admin = true` set in a tfvars file is then matched as the `"*"` it writes. Null when anything
 * is not known (the template is then searched as written). `piece` renders text and interpolations.
 */
export function renderedWithDirectives(
  parts: readonly TemplatePart[],
  bindings: Bindings,
  piece: Piece,
  known: Known,
): string | null {
  let out = '';
  for (const part of parts) {
    const text = renderedPart(part, bindings, piece, known);
    if (text === null) return null;
    out += text;
    if (out.length > MAX_RENDERED) return null;
  }
  return out;
}

function renderedPart(part: TemplatePart, bindings: Bindings, piece: Piece, known: Known): string | null {
  if (part.kind === 'text' || part.kind === 'interpolation') return piece(part, bindings);
  if (part.kind === 'if') {
    const cond = condition(known(part.cond, bindings));
    if (cond === null) return null;
    const branch = cond ? part.then : part.else;
    return branch === null ? '' : renderedWithDirectives(branch, bindings, piece, known);
  }
  const collection = known(part.collection, bindings);
  if (collection === null || collection === undefined || typeof collection !== 'object') return null;
  // A list's keys are indexes but a set's are its values, and toset() is read as a list: not known.
  const entries: [LiteralValue | undefined, LiteralValue][] = Array.isArray(collection)
    ? collection.map((item) => [undefined, item])
    : Object.keys(collection)
        .sort()
        .map((key) => [key, collection[key]!]);
  let out = '';
  for (const [key, value] of entries) {
    const inner = new Map(bindings);
    inner.set(part.valueVar, value);
    if (part.keyVar) inner.set(part.keyVar, key);
    const text = renderedWithDirectives(part.body, inner, piece, known);
    if (text === null) return null;
    out += text;
    if (out.length > MAX_RENDERED) return null;
  }
  return out;
}

/** A directive's condition: a bool, or the strings Terraform converts to one. */
function condition(value: LiteralValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}
