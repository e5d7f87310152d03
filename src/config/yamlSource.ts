import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';

export type YamlPath = (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ConfigError {
  message: string;
  /** e.g. `tiers.high.approvals`, `exceptions[0].expires`; empty for the whole file */
  path: string;
  line: number;
  column: number;
}

export interface YamlSource {
  value: unknown;
  syntaxErrors: ConfigError[];
  /** where the value at `path` starts; with `key`, where its key starts (for unknown keys) */
  locate(path: YamlPath, key?: boolean): SourcePosition;
}

/** Parses YAML keeping the positions of every node, so validation errors can point at lines. */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxErrors: ConfigError[] = doc.errors.map((error) => {
    const at = toPosition(error.pos[0]);
    return { message: `invalid YAML: ${firstLine(error.message)}`, path: '', ...at };
  });
  return {
    value: syntaxErrors.length ? undefined : doc.toJS({ maxAliasCount: 100 }),
    syntaxErrors,
    locate: (path, key = false) => toPosition(locateOffset(doc, path, key)),
  };
}

function locateOffset(doc: Document, path: YamlPath, key: boolean): number {
  // Walk down as far as the path exists: an error about a missing key points at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (key && depth === path.length && depth > 0) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      const name = prefix[prefix.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === name);
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      }
      continue;
    }
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** `["tiers","high","approvals"]` → `tiers.high.approvals`; indices as `[0]`. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
