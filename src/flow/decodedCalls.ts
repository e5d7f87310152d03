import type { Expression, Range } from '../terraform/model.js';
import { parseHcl } from '../terraform/parser.js';
import { type Decoder, decodedData, type PlainData } from '../util/decodedData.js';

/** Texts longer than this are left as the call: classify still decodes them to match values (valueTree). Comments count: the bound is generous. */
const MAX_TEXT = 8 * 1024 * 1024;
/** Documents with more values than this are left as the call too. */
const MAX_VALUES = 50_000;

/**
 * `jsondecode`, `yamldecode` or `csvdecode` of a text known here (a file's content, a string
 * written out): the value it decodes to, written out. So `{ for g in yamldecode(file("g.yaml")) :
 * g.user => g }` has known keys, and `"arn:aws:iam::aws:policy/${each.value.policy}"` is the
 * string each key makes. Null where the text is not known, does not decode, or is large.
 */
export function foldedDecode(decoder: Decoder, args: readonly Expression[], range: Range): Expression | null {
  const text = args.length === 1 && args[0]!.kind === 'literal' ? args[0]!.value : null;
  if (typeof text !== 'string' || text.length > MAX_TEXT) return null;
  const data = decodedData(decoder, text);
  if (data === undefined) return null;
  const budget = { values: MAX_VALUES };
  return written(data, range, budget);
}

function written(data: PlainData, range: Range, budget: { values: number }): Expression | null {
  if (--budget.values < 0) return null;
  if (data === null || typeof data !== 'object') return { kind: 'literal', value: data, range };
  if (Array.isArray(data)) {
    const items: Expression[] = [];
    for (const item of data) {
      const value = written(item, range, budget);
      if (value === null) return null;
      items.push(value);
    }
    return { kind: 'tuple', items, range };
  }
  const items: { key: Expression; value: Expression }[] = [];
  for (const [key, item] of Object.entries(data)) {
    const value = written(item, range, budget);
    if (value === null) return null;
    items.push({ key: { kind: 'literal', value: key, range }, value });
  }
  return { kind: 'object', items, range };
}

/** Terraform's own provider function that reads a variable definitions file's text (Terraform 1.8). */
export const DECODE_TFVARS = 'provider::terraform::decode_tfvars';

/**
 * `provider::terraform::decode_tfvars(file("net.tfvars"))`: the object of the values the text
 * assigns, as Terraform gives it (`{ cidrs = ["0.0.0.0/0"] }`). Null where the text is not known
 * or large, does not parse, holds a block, or assigns anything but values written out (Terraform
 * fails on those).
 */
export function foldedTfvars(args: readonly Expression[], range: Range): Expression | null {
  const text = args.length === 1 && args[0]!.kind === 'literal' ? args[0]!.value : null;
  if (typeof text !== 'string' || text.length > MAX_TEXT) return null;
  const parsed = parseHcl(text, 'decode_tfvars');
  if (parsed.diagnostics.length > 0 || parsed.blocks.length > 0) return null;
  if (!parsed.attributes.every((attribute) => writtenOut(attribute.expr))) return null;
  const items = parsed.attributes.map((attribute) => ({
    key: { kind: 'literal' as const, value: attribute.name, range },
    value: attribute.expr,
  }));
  return { kind: 'object', items, range };
}

function writtenOut(expr: Expression): boolean {
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'tuple':
      return expr.items.every(writtenOut);
    case 'object':
      return expr.items.every(
        (item) => (item.key.kind === 'literal' || item.key.kind === 'variable') && writtenOut(item.value),
      );
    case 'template':
      return expr.parts.every((part) => part.kind === 'text');
    default:
      return false;
  }
}
