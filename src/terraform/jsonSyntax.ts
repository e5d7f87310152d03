import { describeJsonValue, type JsonObject, type JsonValue } from './json/ast.js';
import { BodyReader } from './json/bodies.js';
import { LineIndex } from './json/lineIndex.js';
import { COMMENT_KEY, parseJson } from './json/parseJson.js';
import { own, TOP_LEVEL_BLOCKS } from './json/schema.js';
import type { Block, Diagnostic, ParsedFile } from './model.js';

const BLOCK_TYPES = Object.keys(TOP_LEVEL_BLOCKS).join(', ');

/**
 * Terraform's JSON configuration syntax (`*.tf.json`) read into the same model as native HCL:
 * the same blocks, labels and attributes, and the same canonical `text` for the same
 * expression, so a `.tf.json` file and its `.tf` equivalent compare equal. It never throws:
 * bad JSON or a shape Terraform would reject gives error diagnostics plus what could be read.
 *
 * - `json/parseJson.ts`, over `json/scalars.ts` and `json/cursor.ts`: JSON with positions and
 *   recovery (duplicate keys are errors).
 * - `json/schema.ts`: the language's block types, which arguments are templates, literals or
 *   references, and the rule for provider-defined bodies: a JSON object (or array of objects)
 *   is a nested block unless the key is a known map-typed argument (`MAP_TYPED_ARGUMENTS`).
 * - `json/bodies.ts`: label levels, block bodies, `"//"` comments.
 * - `json/expressions.ts`: JSON values to expressions, through the native template parser.
 */
export function parseTerraformJson(source: string, path: string): ParsedFile {
  const lines = new LineIndex(source);
  const document = parseJson(source, lines);
  const diagnostics: Diagnostic[] = document.diagnostics;
  const file: ParsedFile = { path, syntax: 'json', attributes: [], blocks: [], diagnostics };
  const root = document.root;
  if (!root) return file;
  try {
    file.blocks = readRoot(root, new BodyReader(lines, diagnostics), lines, diagnostics);
  } catch (error) {
    // A bug here must not take the app down, and must not pass as "understood" either.
    const at = lines.positionAt(0);
    diagnostics.push({
      severity: 'error',
      message: `internal error reading Terraform JSON (please report it): ${error instanceof Error ? error.message : String(error)}`,
      range: { start: at, end: at },
    });
  }
  return file;
}

/** The root object's properties are top-level block types; like Terraform, an array of such objects is read as their union. */
function readRoot(root: JsonValue, reader: BodyReader, lines: LineIndex, diagnostics: Diagnostic[]): Block[] {
  const objects: JsonObject[] = [];
  if (root.kind === 'object') objects.push(root);
  else if (root.kind === 'array' && root.items.every((item) => item.kind === 'object'))
    objects.push(...(root.items as JsonObject[]));
  else if (root.kind !== 'invalid') {
    diagnostics.push({
      severity: 'error',
      message: `a Terraform JSON file must hold one object whose property names are block types (${BLOCK_TYPES}), found ${describeJsonValue(root)}`,
      range: lines.range(root.start, root.end),
    });
  }
  const blocks: Block[] = [];
  for (const object of objects) {
    for (const member of object.members) {
      const type = member.key.value;
      if (type === COMMENT_KEY) continue;
      const spec = own(TOP_LEVEL_BLOCKS, type);
      if (!spec) {
        diagnostics.push({
          severity: 'error',
          message: `unknown block type "${type}": the properties of the root object are Terraform block types (${BLOCK_TYPES})`,
          range: lines.range(member.key.start, member.key.end),
        });
        continue;
      }
      reader.readBlocks(
        { type, typeKey: member.key, spec, labels: [], labelKeys: [], context: '' },
        member.value,
        member.key,
        blocks,
      );
    }
  }
  return blocks;
}
