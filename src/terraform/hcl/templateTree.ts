import type { Expression, Range, TemplatePart } from '../model.js';

/** A template as scanned: text, interpolations and directives in source order, not yet nested. */
export type FlatItem =
  | { kind: 'text'; value: string }
  | { kind: 'interpolation'; expr: Expression; stripLeft: boolean; stripRight: boolean; range: Range }
  | { kind: 'if'; cond: Expression; stripLeft: boolean; stripRight: boolean; range: Range }
  | {
      kind: 'for';
      keyVar: string | null;
      valueVar: string;
      collection: Expression;
      stripLeft: boolean;
      stripRight: boolean;
      range: Range;
    }
  | { kind: 'else' | 'endif' | 'endfor'; stripLeft: boolean; stripRight: boolean; range: Range };

type ReportError = (message: string, range: Range) => void;

/** `~` removes the whitespace (newlines included) on its side of an interpolation or directive. */
export function applyStripMarkers(items: FlatItem[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'text') continue;
    const before = items[i - 1];
    const after = items[i + 1];
    if (item.stripLeft && before?.kind === 'text') before.value = before.value.trimEnd();
    if (item.stripRight && after?.kind === 'text') after.value = after.value.trimStart();
  }
}

/** Nests `%{if}`/`%{else}`/`%{endif}` and `%{for}`/`%{endfor}`; unbalanced directives are errors. */
export function buildTemplateTree(items: FlatItem[], report: ReportError): TemplatePart[] {
  const cursor = { i: 0 };
  const parts = buildUntil(items, cursor, report, null);
  while (cursor.i < items.length) {
    const stray = items[cursor.i++]!;
    if (stray.kind !== 'text' && stray.kind !== 'interpolation') {
      report(`%{${stray.kind}} has no matching opening directive`, stray.range);
    }
    parts.push(...buildUntil(items, cursor, report, null));
  }
  return parts;
}

function buildUntil(
  items: FlatItem[],
  cursor: { i: number },
  report: ReportError,
  opener: { word: 'if' | 'for'; range: Range } | null,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  while (cursor.i < items.length) {
    const item = items[cursor.i]!;
    switch (item.kind) {
      case 'text':
        parts.push({ kind: 'text', value: item.value });
        cursor.i++;
        break;
      case 'interpolation':
        parts.push({ kind: 'interpolation', expr: item.expr, stripLeft: item.stripLeft, stripRight: item.stripRight });
        cursor.i++;
        break;
      case 'if':
        cursor.i++;
        parts.push(buildIf(items, cursor, report, item.cond, item.range));
        break;
      case 'for': {
        cursor.i++;
        const body = buildUntil(items, cursor, report, { word: 'for', range: item.range });
        closeDirective(items, cursor, report, 'endfor', item.range);
        parts.push({ kind: 'for', keyVar: item.keyVar, valueVar: item.valueVar, collection: item.collection, body });
        break;
      }
      default:
        if (opener) return parts; // else/endif/endfor: the caller decides whether it fits
        return parts;
    }
  }
  return parts;
}

function buildIf(
  items: FlatItem[],
  cursor: { i: number },
  report: ReportError,
  cond: Expression,
  range: Range,
): TemplatePart {
  const then = buildUntil(items, cursor, report, { word: 'if', range });
  let otherwise: TemplatePart[] | null = null;
  if (items[cursor.i]?.kind === 'else') {
    cursor.i++;
    otherwise = buildUntil(items, cursor, report, { word: 'if', range });
  }
  closeDirective(items, cursor, report, 'endif', range);
  return { kind: 'if', cond, then, else: otherwise };
}

function closeDirective(
  items: FlatItem[],
  cursor: { i: number },
  report: ReportError,
  word: 'endif' | 'endfor',
  openRange: Range,
): void {
  const next = items[cursor.i];
  if (next?.kind === word) {
    cursor.i++;
    return;
  }
  const opener = word === 'endif' ? 'if' : 'for';
  report(`%{${opener}} is never closed: add %{${word}}`, next && next.kind !== 'text' ? next.range : openRange);
  if (next && next.kind !== 'text' && next.kind !== 'interpolation' && next.kind !== 'if' && next.kind !== 'for')
    cursor.i++;
}

/**
 * `<<-` heredocs drop the indentation common to all non-blank lines, as Terraform does, so
 * re-indenting a heredoc with its surrounding block is a formatting-only change.
 */
export function removeHeredocIndent(items: FlatItem[]): void {
  const min = commonIndent(items);
  if (min === 0) return;
  let atLineStart = true;
  for (const item of items) {
    if (item.kind !== 'text') {
      atLineStart = false;
      continue;
    }
    item.value = dropIndent(item.value, min, atLineStart);
    atLineStart = item.value.endsWith('\n');
  }
}

/** Smallest indentation of the lines that have content (an interpolation counts as content). */
function commonIndent(items: FlatItem[]): number {
  let min = Infinity;
  let atLineStart = true;
  let indent = 0;
  for (const item of items) {
    if (item.kind !== 'text') {
      if (atLineStart && indent < min) min = indent;
      atLineStart = false;
      continue;
    }
    const text = item.value;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        atLineStart = true;
        indent = 0;
      } else if (atLineStart) {
        if (c === 32 || c === 9) {
          indent++;
        } else {
          if (indent < min) min = indent;
          atLineStart = false;
        }
      }
    }
  }
  return min === Infinity ? 0 : min;
}

function dropIndent(text: string, min: number, atLineStart: boolean): string {
  let out = '';
  let lineStart = atLineStart ? 0 : -1;
  let i = 0;
  while (i < text.length) {
    if (lineStart === i) {
      let j = i;
      while (j < text.length && j - i < min && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      i = j;
    }
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl + 1;
    out += text.slice(i, end);
    i = end;
    lineStart = nl < 0 ? -1 : end;
  }
  return out;
}
