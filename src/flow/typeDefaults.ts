import type { Expression, ObjectItem } from '../terraform/model.js';

/**
 * A variable's value with the optional attributes of its type constraint filled in, as
 * Terraform's conversion does: `object({ effect = optional(string, "Allow"), sid = optional(string) })`
 * turns `{}` into `{ effect = "Allow", sid = null }` (and an attribute set to null into its
 * default). Without this, `each.value.sid` of a value that leaves `sid` out is an attribute that
 * is not there, and whoever reads it cannot tell null from a default such as "Deny".
 *
 * Only the shapes written out in the value are converted: an object or tuple constructor under
 * `object`, `map`, `list`, `set` or `tuple` types. Anything else (a reference, a function, `any`)
 * is returned as it is, so its missing attributes stay missing.
 */
export function withTypeDefaults(value: Expression, type: Expression): Expression {
  if (!typeTextHasOptional(type)) return value;
  return converted(value, type);
}

function typeTextHasOptional(type: Expression): boolean {
  if (type.kind === 'call') return type.name === 'optional' || type.args.some(typeTextHasOptional);
  if (type.kind === 'object') return type.items.some((item) => typeTextHasOptional(item.value));
  if (type.kind === 'tuple') return type.items.some(typeTextHasOptional);
  return type.kind === 'parens' && typeTextHasOptional(type.inner);
}

function converted(value: Expression, type: Expression): Expression {
  if (value.kind === 'parens') {
    const inner = converted(value.inner, type);
    return inner === value.inner ? value : { ...value, inner };
  }
  if (type.kind !== 'call' || type.args.length !== 1) return value;
  const [argument] = type.args as [Expression];
  switch (type.name) {
    case 'object':
      return argument.kind === 'object' && value.kind === 'object' ? objectConverted(value, argument) : value;
    case 'map':
      return value.kind === 'object' ? mapped(value, (item) => converted(item, argument)) : value;
    case 'list':
    case 'set':
      return value.kind === 'tuple' ? listed(value, (item) => converted(item, argument)) : value;
    case 'tuple':
      return argument.kind === 'tuple' && value.kind === 'tuple' && argument.items.length === value.items.length
        ? listed(value, (item, index) => converted(item, argument.items[index]!))
        : value;
    default:
      return value;
  }
}

function objectConverted(
  value: Extract<Expression, { kind: 'object' }>,
  type: Extract<Expression, { kind: 'object' }>,
): Expression {
  const items: ObjectItem[] = [];
  const written = new Map<string, ObjectItem>();
  for (const item of value.items) {
    const name = keyText(item.key);
    // A computed key may name any attribute: which one is filled in is not known, so nothing is.
    if (name === null) return value;
    written.set(name, item);
  }
  let changed = false;
  for (const item of value.items) {
    const attribute = type.items.find((candidate) => keyText(candidate.key) === keyText(item.key));
    const next = attribute ? attributeValue(item.value, attribute.value) : item.value;
    if (next !== item.value) changed = true;
    items.push(next === item.value ? item : { ...item, value: next });
  }
  for (const attribute of type.items) {
    const name = keyText(attribute.key);
    if (name === null || written.has(name) || !isOptional(attribute.value)) continue;
    const fallback = attribute.value.args[1];
    const filled: Expression = fallback
      ? converted(fallback, attribute.value.args[0]!)
      : { kind: 'literal', value: null, range: value.range };
    items.push({ key: { kind: 'literal', value: name, range: value.range }, value: filled });
    changed = true;
  }
  return changed ? { ...value, items } : value;
}

/** An attribute's value under its declared type: a null given for an optional attribute with a default is the default. */
function attributeValue(value: Expression, type: Expression): Expression {
  if (!isOptional(type)) return converted(value, type);
  const [inner, fallback] = type.args;
  if (fallback && value.kind === 'literal' && value.value === null) return converted(fallback, inner!);
  return converted(value, inner!);
}

function isOptional(type: Expression): type is Extract<Expression, { kind: 'call' }> {
  return type.kind === 'call' && type.name === 'optional' && type.args.length >= 1 && type.args.length <= 2;
}

function mapped(value: Extract<Expression, { kind: 'object' }>, convert: (item: Expression) => Expression): Expression {
  let changed = false;
  const items = value.items.map((item) => {
    const next = convert(item.value);
    if (next === item.value) return item;
    changed = true;
    return { ...item, value: next };
  });
  return changed ? { ...value, items } : value;
}

function listed(
  value: Extract<Expression, { kind: 'tuple' }>,
  convert: (item: Expression, index: number) => Expression,
): Expression {
  let changed = false;
  const items = value.items.map((item, index) => {
    const next = convert(item, index);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? { ...value, items } : value;
}

/** A constant key's text (a bare name is parsed as a string literal); null for a computed key. */
function keyText(key: Expression): string | null {
  if (key.kind === 'literal' && typeof key.value === 'string') return key.value;
  if (key.kind === 'parens') return keyText(key.inner);
  if (key.kind === 'template' && key.parts.every((part) => part.kind === 'text'))
    return key.parts.map((part) => (part as { value: string }).value).join('');
  return null;
}
