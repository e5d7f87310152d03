import { describeSchemaErrors } from '../config/schemaErrors.js';
import type { ConfigError, SourcePosition, YamlPath, YamlSource } from '../config/yamlSource.js';
import { prFactsValidator } from '../contracts/validators.js';
import type { JsonValue } from '../terraform/json/ast.js';
import { LineIndex } from '../terraform/json/lineIndex.js';
import { parseJson } from '../terraform/json/parseJson.js';
import type { PrFacts } from './facts.js';

export type FactsLoad = { ok: true; facts: PrFacts; errors: [] } | { ok: false; facts: null; errors: ConfigError[] };

/**
 * Reads a PR facts document (config-schema/pr-facts.schema.json). Every error says where
 * (path, line, column) and what is expected; facts that do not validate are never used.
 */
export function parseFacts(text: string): FactsLoad {
  const lines = new LineIndex(text);
  const document = parseJson(text, lines);
  const syntaxErrors = document.diagnostics.filter((d) => d.severity === 'error');
  if (syntaxErrors.length || document.root === null) {
    const errors = syntaxErrors.map((d) => ({
      message: `invalid JSON: ${d.message} (line ${d.range.start.line}, column ${d.range.start.column})`,
      path: '',
      line: d.range.start.line,
      column: d.range.start.column,
    }));
    return {
      ok: false,
      facts: null,
      errors: errors.length
        ? errors
        : [{ message: 'the facts file is empty (line 1, column 1)', path: '', line: 1, column: 1 }],
    };
  }
  const value: unknown = JSON.parse(text);
  const validate = prFactsValidator();
  if (!validate(value)) {
    return {
      ok: false,
      facts: null,
      errors: describeSchemaErrors(validate.errors ?? [], jsonSource(document.root, lines), 'the facts file'),
    };
  }
  return { ok: true, facts: value, errors: [] };
}

/** The position lookups the schema-error describer needs, over a JSON tree with offsets. */
function jsonSource(root: JsonValue, lines: LineIndex): YamlSource {
  const at = (offset: number): SourcePosition => {
    const { line, column } = lines.positionAt(offset);
    return { line, column };
  };
  return {
    value: undefined,
    syntaxErrors: [],
    locate(path: YamlPath, key = false): SourcePosition {
      let node: JsonValue = root;
      for (let i = 0; i < path.length; i++) {
        const segment = path[i]!;
        if (node.kind === 'object') {
          const member = node.members.find((m) => m.key.value === String(segment));
          if (!member) return at(node.start);
          if (key && i === path.length - 1) return at(member.key.start);
          node = member.value;
        } else if (node.kind === 'array' && typeof segment === 'number' && node.items[segment]) {
          node = node.items[segment]!;
        } else {
          return at(node.start);
        }
      }
      return at(node.start);
    },
  };
}
