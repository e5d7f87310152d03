// The test oracle: HashiCorp's HCL parser (via hcl2-parser, a GopherJS build of hcl2json)
// reduced to an *outline* — block types, labels, attribute names and nested blocks — so it can
// be compared with what our parser found. Plain ESM JavaScript so the bench, scripts and the
// TypeScript tests can all use it.
//
// Why an outline needs a normalisation rule: hcl2json turns a block into an array of objects
// (one per block), nested under one object per label, and an attribute into its JSON value
// (tuples become arrays, objects become objects, anything else a string or scalar). So
//   `ingress { port = 1 }`      and  `ingress = [{ port = 1 }]`      both give  ingress: [{port: 1}]
//   `dynamic "tag" { ... }`     and  `dynamic = { tag = [{ ... }] }` both give  dynamic: {tag: [{...}]}
// The oracle cannot tell these apart, so both sides apply one rule (`entryToOutline`):
//   - a non-empty array whose every element is an object is a list of blocks (no labels);
//   - a non-empty object whose every value is again such an array or such an object is a set
//     of labelled blocks, each key on the way down being one label;
//   - anything else is an attribute.
// Our side first turns each attribute expression into the JSON shape hcl2json would give it
// (`expressionShape`), then applies the same rule, so an attribute holding a tuple of object
// constructors is reported as nested blocks on both sides. Object keys that are not plain
// names or literals (`(var.x) = …`, `"${a}" = …`) become the placeholder `<expr>` on both sides.

import { createRequire } from 'node:module';

/** @type {{ parseToObject(source: string): unknown } | null} */
let hcl = null;

const DYNAMIC_KEY = '<expr>';

/** @param {unknown} value */
function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value hcl2json would produce for one or more (possibly labelled) blocks. */
function isBlockShape(value) {
  if (Array.isArray(value)) return value.length > 0 && value.every(isPlainObject);
  if (isPlainObject(value)) {
    const entries = Object.values(value);
    return entries.length > 0 && entries.every(isBlockShape);
  }
  return false;
}

/**
 * hcl2json writes a key it could not evaluate as its source wrapped in `${…}`. Used for block
 * labels on both sides too, because a label decoded from an attribute value is such a key.
 */
function normaliseOracleKey(key) {
  return key.includes('${') ? DYNAMIC_KEY : key;
}

/**
 * Blocks described by one body entry whose value has the block shape; `labels` are the keys
 * walked through so far.
 */
function blocksOfShape(type, labels, value) {
  if (Array.isArray(value)) return value.map((body) => ({ type, labels, ...bodyOutline(body) }));
  return Object.entries(value).flatMap(([key, inner]) => blocksOfShape(type, [...labels, key], inner));
}

/**
 * Splits one hcl2json body (an object) into attribute names and blocks. Keys of a body are
 * attribute and block names, never dynamic, so they are kept as they are; keys *inside* an
 * attribute value were normalised when that value was built.
 */
function bodyOutline(body) {
  const attributes = [];
  const blocks = [];
  for (const [name, value] of Object.entries(body)) {
    if (isBlockShape(value)) blocks.push(...blocksOfShape(name, [], value));
    else attributes.push(name);
  }
  return canonicalBody(attributes, blocks);
}

function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted attribute names and blocks sorted by type, labels, then content: order never matters. */
function canonicalBody(attributes, blocks) {
  const keyed = blocks.map((block) => ({ block, key: JSON.stringify([block.type, block.labels, block]) }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  return { attributes: [...attributes].sort(compareStrings), blocks: keyed.map((k) => k.block) };
}

/** Re-keys every object inside an oracle value with the dynamic-key placeholder rule. */
function normaliseOracleValue(value) {
  if (Array.isArray(value)) return value.map(normaliseOracleValue);
  if (isPlainObject(value)) {
    const out = {};
    for (const [key, inner] of Object.entries(value)) out[normaliseOracleKey(key)] = normaliseOracleValue(inner);
    return out;
  }
  return value;
}

/** Normalises attribute values (not body keys) of an hcl2json body, recursively through blocks. */
function normaliseOracleBody(body) {
  const out = {};
  for (const [name, value] of Object.entries(body)) {
    out[normaliseOracleKey(name)] = isBlockShape(value) ? normaliseOracleBlocks(value) : normaliseOracleValue(value);
  }
  return out;
}

function normaliseOracleBlocks(value) {
  if (Array.isArray(value)) return value.map(normaliseOracleBody);
  const out = {};
  for (const [label, inner] of Object.entries(value)) out[normaliseOracleKey(label)] = normaliseOracleBlocks(inner);
  return out;
}

/**
 * @param {string} source HCL native syntax
 * @returns {{ attributes: string[], blocks: object[] } | { error: string }}
 */
export function oracleOutline(source) {
  // Loaded on first use: callers that already have hcl2-parser's answers (outlineOfOracleResult) never load it.
  hcl ??= createRequire(import.meta.url)('hcl2-parser');
  let result;
  try {
    result = hcl.parseToObject(source);
  } catch (error) {
    return { error: `hcl2-parser threw: ${error instanceof Error ? error.message : String(error)}` };
  }
  return outlineOfOracleResult(result);
}

/**
 * The outline of what hcl2-parser's `parseToObject` answered for a source: its `[value, error]`.
 * @param {unknown} result
 * @returns {{ attributes: string[], blocks: object[] } | { error: string }}
 */
export function outlineOfOracleResult(result) {
  const [value, error] = Array.isArray(result) ? result : [undefined, 'unexpected result shape'];
  // The GopherJS bundle hands back Go errors as empty objects: there is no message to show.
  if (error !== null && error !== undefined) return { error: 'hcl2-parser rejected the input (it gives no message)' };
  if (!isPlainObject(value)) return { error: 'hcl2-parser returned no object' };
  return bodyOutline(normaliseOracleBody(value));
}

// ---------------------------------------------------------------------------------------------
// Our side: ParsedFile (src/terraform/model.ts) → the same outline.

/** The text of a key expression as hcl2json would write it, or the placeholder. */
function keyText(expr) {
  switch (expr.kind) {
    case 'variable':
      return expr.name;
    case 'getAttr': {
      const target = keyText(expr.target);
      return target === DYNAMIC_KEY ? DYNAMIC_KEY : `${target}.${expr.name}`;
    }
    case 'literal':
      return expr.value === null ? 'null' : String(expr.value);
    case 'template':
      return expr.parts.every((part) => part.kind === 'text')
        ? expr.parts.map((part) => part.value).join('')
        : DYNAMIC_KEY;
    default:
      return DYNAMIC_KEY;
  }
}

/**
 * The JSON shape hcl2json gives an expression, as far as the outline can see it: tuples and
 * objects keep their structure, everything else is an opaque scalar.
 */
function expressionShape(expr) {
  switch (expr.kind) {
    case 'tuple':
      return expr.items.map(expressionShape);
    case 'object': {
      const out = {};
      for (const item of expr.items) out[keyText(item.key)] = expressionShape(item.value);
      return out;
    }
    case 'template':
      // `"${[ ... ]}"` is unwrapped by hcl2json (TemplateWrapExpr); any other template is a string.
      if (!expr.heredoc && expr.parts.length === 1 && expr.parts[0].kind === 'interpolation') {
        return expressionShape(expr.parts[0].expr);
      }
      return 'template';
    default:
      return 'scalar';
  }
}

function blockOutline(block) {
  return {
    type: block.type,
    labels: block.labels.map(normaliseOracleKey),
    ...bodyOfParsed(block.attributes, block.blocks),
  };
}

function bodyOfParsed(attributes, blocks) {
  const names = [];
  const outlined = blocks.map(blockOutline);
  for (const attribute of attributes) {
    const shape = expressionShape(attribute.expr);
    if (isBlockShape(shape)) outlined.push(...blocksOfShape(attribute.name, [], shape));
    else names.push(attribute.name);
  }
  return canonicalBody(names, outlined);
}

/**
 * @param {{ attributes: object[], blocks: object[] }} parsedFile a ParsedFile
 * @returns {{ attributes: string[], blocks: object[] }}
 */
export function outlineOfParsedFile(parsedFile) {
  return bodyOfParsed(parsedFile.attributes, parsedFile.blocks);
}

// ---------------------------------------------------------------------------------------------
// Comparison.

function blockTitle(block) {
  return [block.type, ...block.labels.map((label) => JSON.stringify(label))].join(' ');
}

function groupBlocks(blocks) {
  const groups = new Map();
  for (const block of blocks) {
    const title = blockTitle(block);
    const group = groups.get(title);
    if (group) group.push(block);
    else groups.set(title, [block]);
  }
  return groups;
}

function compareBodies(expected, actual, path, out) {
  const where = path.length === 0 ? '(file)' : path.join(' > ');
  const actualNames = new Set(actual.attributes);
  const expectedNames = new Set(expected.attributes);
  for (const name of expected.attributes) if (!actualNames.has(name)) out.push(`${where}: missing attribute ${name}`);
  for (const name of actual.attributes)
    if (!expectedNames.has(name)) out.push(`${where}: unexpected attribute ${name}`);

  const expectedGroups = groupBlocks(expected.blocks);
  const actualGroups = groupBlocks(actual.blocks);
  for (const [title, group] of expectedGroups) {
    const other = actualGroups.get(title) ?? [];
    if (other.length === 0) out.push(`${where}: missing block ${title}`);
    else if (other.length !== group.length) {
      out.push(`${where}: block ${title} appears ${other.length} times, expected ${group.length}`);
    } else {
      group.forEach((block, i) => {
        const indexedTitle = group.length > 1 ? `${title} [${i}]` : title;
        compareBodies(block, other[i], [...path, indexedTitle], out);
      });
    }
  }
  for (const title of actualGroups.keys()) {
    if (!expectedGroups.has(title)) out.push(`${where}: unexpected block ${title}`);
  }
}

/**
 * Differences between two outlines, each naming the block path and what differs; empty when
 * they are equal. `expected` is usually the oracle's outline and `actual` ours.
 * @returns {string[]}
 */
export function compareOutlines(expected, actual) {
  if ('error' in expected || 'error' in actual) {
    const out = [];
    if ('error' in expected) out.push(`expected side failed: ${expected.error}`);
    if ('error' in actual) out.push(`actual side failed: ${actual.error}`);
    return out;
  }
  const out = [];
  compareBodies(expected, actual, [], out);
  return out;
}
