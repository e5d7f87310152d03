import type { Output } from '../commands/result.js';

/**
 * JSON for a person reads best indented; for a program, compact JSON is a third of the size and
 * much faster to write. A terminal gets it indented, anything else (a pipe, a file) compact,
 * unless `--pretty` asks for the indented form.
 */
export type JsonStyle = 'pretty' | 'compact';

export function jsonStyle(pretty: unknown, stdout: Output['stdout']): JsonStyle {
  return pretty === true || stdout.isTTY === true ? 'pretty' : 'compact';
}

/** One whole JSON document, with its final newline. */
export function jsonText(value: unknown, style: JsonStyle): string {
  return (style === 'pretty' ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n';
}

/** Text is handed to the stream in pieces of about this size: few writes, little held. */
const FLUSH_CHARS = 1 << 16;

/**
 * A JSON object written member by member, and an array member element by element, so that a
 * large document is never held whole. The text is exactly what `jsonText` gives for the whole
 * object (for the pretty style too: each element is indented to its depth).
 */
export class JsonObjectWriter {
  private readonly pretty: boolean;
  private pending: string[] = [];
  private pendingChars = 0;
  private members = 0;
  /** elements written to the open array, or null when no array is open */
  private elements: number | null = null;

  constructor(
    private readonly out: Output['stdout'],
    style: JsonStyle,
  ) {
    this.pretty = style === 'pretty';
    this.write('{');
  }

  /** A member whose value is written whole. */
  member(key: string, value: unknown): void {
    this.startMember(key);
    this.write(this.valueText(value, 1));
  }

  /** Opens an array member; `element` adds to it, `endArray` closes it. */
  beginArray(key: string): void {
    this.startMember(key);
    this.write('[');
    this.elements = 0;
  }

  element(value: unknown): void {
    if (this.elements === null) throw new Error('JsonObjectWriter: element() outside an array');
    const separator = this.elements === 0 ? '' : ',';
    this.write(this.pretty ? `${separator}\n    ${this.valueText(value, 2)}` : separator + this.valueText(value, 2));
    this.elements++;
  }

  endArray(): void {
    if (this.elements === null) throw new Error('JsonObjectWriter: endArray() without beginArray()');
    this.write(this.pretty && this.elements > 0 ? '\n  ]' : ']');
    this.elements = null;
  }

  /** Closes the object, ends the line and hands everything left to the stream. */
  end(): void {
    this.write(this.pretty && this.members > 0 ? '\n}\n' : '}\n');
    this.flush();
  }

  private startMember(key: string): void {
    const separator = this.members === 0 ? '' : ',';
    this.write(this.pretty ? `${separator}\n  ${JSON.stringify(key)}: ` : `${separator}${JSON.stringify(key)}:`);
    this.members++;
  }

  /** A value's text at a depth: JSON strings hold no raw newline, so every line break is the layout's. */
  private valueText(value: unknown, depth: number): string {
    if (!this.pretty) return JSON.stringify(value);
    return JSON.stringify(value, null, 2).replaceAll('\n', '\n' + '  '.repeat(depth));
  }

  private write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.out.write(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
