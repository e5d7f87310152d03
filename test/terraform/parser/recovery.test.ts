import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../../src/terraform/hcl/scanner.js';
import { isUnderstood } from '../../../src/terraform/model.js';
import { badRanges, diagnosticLines, locate, outline, parse } from '../../support/hcl.js';

/**
 * Bad input never throws: each kind of syntax error gives an exact diagnostic, the file is
 * not understood (fail closed), and the structure around the error is still there.
 */
describe('recovery from each kind of syntax error', () => {
  // An error at a line end has a zero-width range there: the new line is not what is wrong, and
  // a range that ended after it would belong to the next line.
  const cases: [kind: string, source: string, diagnostics: string[], recovered: string[]][] = [
    [
      'unterminated string',
      'a = "abc\nb = 1\n',
      ['error: unterminated string: add the closing " on the same line @ 1:5+4-1:9+8'],
      ['a = "abc"', 'b = 1'],
    ],
    [
      'unterminated interpolation in a string',
      'a = "${x"\nb = 1\n',
      ['error: expected "}" to close the template interpolation, found "\\"" @ 1:9+8-1:10+9'],
      ['a = x', 'b = 1'],
    ],
    [
      'unterminated heredoc (it runs to the end of the file)',
      'r {\n  a = <<EOT\n  abc\n}\nb = 1\n',
      [
        'error: heredoc <<EOT is never closed: add a line containing only EOT @ 2:7+10-6:1+30',
        'error: block "r" is never closed: add "}" @ 1:1+0-1:2+1',
      ],
      ['r', '  a = "  abc\\n}\\nb = 1\\n"'],
    ],
    [
      'heredoc without a marker',
      'a = <<\nb = 1\n',
      ['error: expected a heredoc marker after "<<", e.g. <<EOT @ 1:7+6-1:7+6'],
      ['a = <invalid>', 'b = 1'],
    ],
    [
      'unclosed block',
      'a "x" {\n  b = 1\n',
      ['error: block "a x" is never closed: add "}" @ 1:1+0-1:2+1'],
      ['a "x"', '  b = 1'],
    ],
    [
      'unclosed ( inside a block: the next block is still found',
      'r "a" {\n  x = (1 + 2\n}\nr "b" {}\n',
      ['error: expected ")" to close the parenthesis, found "}" @ 3:1+21-3:2+22'],
      ['r "a"', '  x = (1 + 2)', 'r "b"'],
    ],
    [
      'unclosed call arguments inside a block: the next block is still found',
      'r "a" {\n  x = f(1,\n}\nr "b" {}\n',
      [
        'error: expected an expression, found "}" @ 3:1+19-3:2+20',
        'error: expected ")" to close the arguments of f(), found "}" @ 3:1+19-3:2+20',
      ],
      ['r "a"', '  x = f(1, <invalid>)', 'r "b"'],
    ],
    [
      'unclosed [ inside a block: the next block is still found',
      'r "a" {\n  x = [1, 2\n}\nr "b" {}\n',
      ['error: expected "," between tuple elements or "]" to close the tuple, found "}" @ 3:1+20-3:2+21'],
      ['r "a"', '  x = [1, 2]', 'r "b"'],
    ],
    [
      'unclosed { of an object: its } is taken to close the object, so the block stays open',
      'r "a" {\n  x = {\n    k = 1\n}\nr "b" {}\n',
      ['error: block "r a" is never closed: add "}" @ 1:1+0-1:2+1'],
      ['r "a"', '  x = {k = 1}', '  r "b"'],
    ],
    [
      'missing = after an argument name',
      'a 1\nb = 1\n',
      ['error: expected "=" (for an argument) or "{" (for a block) after "a", found "1" @ 1:3+2-1:4+3'],
      ['b = 1'],
    ],
    [
      '== instead of =',
      'a == 1\nb = 1\n',
      ['error: expected "=" (for an argument) or "{" (for a block) after "a", found "=" @ 1:3+2-1:4+3'],
      ['b = 1'],
    ],
    [
      'missing value',
      'a =\nb = 1\n',
      ['error: expected an expression, found a new line @ 1:4+3-1:4+3'],
      ['a = <invalid>', 'b = 1'],
    ],
    [
      'garbage at top level',
      '@@@ garbage\nresource "r" "n" {}\n',
      ['error: expected an argument name or a block type, found "@" @ 1:1+0-1:2+1'],
      ['resource "r" "n"'],
    ],
    [
      'a value where a name should be',
      '"a" = 1\nb = 1\n',
      ['error: expected an argument name or a block type, found "\\"" @ 1:1+0-1:2+1'],
      ['b = 1'],
    ],
    [
      'bad escape',
      'a = "x\\qy"\nb = 1\n',
      ['error: invalid escape sequence \\q: use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN @ 1:7+6-1:9+8'],
      ['a = "xy"', 'b = 1'],
    ],
    [
      'unknown directive',
      'a = "%{ bogus }"\nb = 1\n',
      ['error: unknown template directive %{bogus}: expected if, else, endif, for or endfor @ 1:6+5-1:16+15'],
      ['a = ""', 'b = 1'],
    ],
    [
      'unmatched %{endif}',
      'a = "x%{ endif }y"\nb = 1\n',
      ['error: %{endif} has no matching opening directive @ 1:7+6-1:17+16'],
      ['a = "xy"', 'b = 1'],
    ],
    [
      '%{if} without %{endif}',
      'a = "%{if c}x"\nb = 1\n',
      ['error: %{if} is never closed: add %{endif} @ 1:6+5-1:13+12'],
      ['a = "%{if c}x%{endif}"', 'b = 1'],
    ],
    [
      '%{for} closed by %{endif}',
      'a = "%{for x in y}x%{endif}"\nb = 1\n',
      ['error: %{for} is never closed: add %{endfor} @ 1:20+19-1:28+27'],
      ['a = "%{for x in y}x%{endfor}"', 'b = 1'],
    ],
    [
      'missing : in a conditional',
      'a = x ? 1\nb = 1\n',
      ['error: expected ":" in conditional expression (cond ? a : b) @ 1:10+9-1:10+9'],
      ['a = x ? 1 : <invalid>', 'b = 1'],
    ],
    ['stray }', '}\nb = 1\n', ['error: unexpected "}": there is no open block to close @ 1:1+0-1:2+1'], ['b = 1']],
    [
      'stray } after a block',
      'a {\n}\n}\nb {}\n',
      ['error: unexpected "}": there is no open block to close @ 3:1+6-3:2+7'],
      ['a', 'b'],
    ],
    [
      'duplicate argument',
      'a {\n  b = 1\n  b = 2\n}\n',
      ['error: argument "b" is set twice (first at line 2); remove one of them @ 3:3+14-3:4+15'],
      ['a', '  b = 1', '  b = 2'],
    ],
    [
      'duplicate top-level argument',
      'a = 1\na = 2\n',
      ['error: argument "a" is set twice (first at line 1); remove one of them @ 2:1+6-2:2+7'],
      ['a = 1', 'a = 2'],
    ],
    [
      'two arguments on one line',
      'a = 1 b = 2\nc = 3\n',
      ['error: unexpected "b" after the value of "a": put each argument and block on its own line @ 1:7+6-1:8+7'],
      ['a = 1', 'c = 3'],
    ],
    [
      'two values for one argument',
      'a = "x" "y"\nc = 3\n',
      ['error: unexpected "\\"" after the value of "a": put each argument and block on its own line @ 1:9+8-1:10+9'],
      ['a = "x"', 'c = 3'],
    ],
    [
      'label with interpolation',
      'r "a" "${x}" {\n  y = 1\n}\n',
      ['error: block labels must be plain strings, without ${…} or %{…} @ 1:7+6-1:13+12'],
      ['r "a" ""', '  y = 1'],
    ],
    [
      'unterminated /* comment',
      'a = 1\n/* abc\nb = 1\n',
      ['error: unterminated /* comment: add the closing */ @ 2:1+6-4:1+19'],
      ['a = 1'],
    ],
    [
      'unterminated interpolation inside a heredoc',
      'a = <<EOT\n${x\nEOT\nb = 1\n',
      ['error: expected "}" to close the template interpolation, found the end of the heredoc @ 3:1+14-3:1+14'],
      ['a = x', 'b = 1'],
    ],
  ];

  it.each(cases)('%s', (_kind, source, diagnostics, recovered) => {
    const file = parse(source);
    expect(diagnosticLines(file)).toEqual(diagnostics);
    expect(outline(file)).toEqual(recovered);
    expect(isUnderstood(file)).toBe(false);
    expect(badRanges(source, file)).toEqual([]);
  });
});

/** Errors found by the property tests: the structure after them must keep its true positions. */
describe('recovery keeps line numbers right after', () => {
  const cases: [kind: string, source: string][] = [
    ['a backslash at the end of a line in a string', 'a = "x\\\nb = 1\n'],
    ['an unclosed interpolation in a heredoc', 'a = <<EOT\n${\nEOT\nb = 1\n'],
    ['an unclosed directive in a heredoc', 'a = <<EOT\n%{\nEOT\nb = 1\n'],
  ];

  it.each(cases)('%s', (_kind, source) => {
    const file = parse(source);
    expect(isUnderstood(file)).toBe(false);
    expect(file.attributes.map((a) => a.name)).toEqual(['a', 'b']);
    expect(file.attributes[1]?.nameRange).toEqual(locate(source, 'b'));
    expect(badRanges(source, file)).toEqual([]);
  });

  it('a backslash at the very end of the file, inside a string', () => {
    const source = 'a = "x\\';
    const file = parse(source);
    expect(isUnderstood(file)).toBe(false);
    expect(badRanges(source, file)).toEqual([]);
  });
});

describe('nesting deeper than the limit', () => {
  it('reports nested parentheses once and keeps the following arguments', () => {
    const depth = MAX_NESTING + 44;
    const file = parse(`x = ${'('.repeat(depth)}1${')'.repeat(depth)}\ny = 1\n`);
    expect(diagnosticLines(file)[0]).toBe(
      `error: nesting deeper than ${MAX_NESTING} levels; simplify the expression @ 1:${MAX_NESTING + 5}+${MAX_NESTING + 4}-1:${MAX_NESTING + 6}+${MAX_NESTING + 5}`,
    );
    expect(file.attributes.map((a) => [a.name, a.text])).toEqual([
      ['x', '<invalid>'],
      ['y', '1'],
    ]);
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_NESTING - 10;
    const file = parse(`x = ${'['.repeat(depth)}1${']'.repeat(depth)}\n`);
    expect(file.diagnostics).toEqual([]);
  });

  it('reports nested blocks deeper than the limit', () => {
    const file = parse('a {\n'.repeat(MAX_NESTING + 1) + '}\n'.repeat(MAX_NESTING + 1));
    expect(diagnosticLines(file)).toEqual([
      `error: nesting deeper than ${MAX_NESTING} levels; simplify the expression @ ${MAX_NESTING + 1}:4+${4 * MAX_NESTING + 3}-${MAX_NESTING + 1}:4+${4 * MAX_NESTING + 3}`,
    ]);
    expect(isUnderstood(file)).toBe(false);
  });

  it('reports deeply nested template interpolations', () => {
    const depth = MAX_NESTING + 10;
    const file = parse(`x = ${'"${'.repeat(depth)}1${'}"'.repeat(depth)}\ny = 2\n`);
    expect(file.diagnostics[0]?.message).toBe(`nesting deeper than ${MAX_NESTING} levels; simplify the expression`);
    expect(file.attributes.map((a) => a.name)).toEqual(['x', 'y']);
  });
});

describe('one error, one diagnostic', () => {
  it('does not report a missing value a second time as text after the value', () => {
    expect(diagnosticLines(parse('a = ]\nb = 1\n'))).toEqual([
      'error: expected an expression, found "]" @ 1:5+4-1:6+5',
    ]);
  });
});

describe('never throws', () => {
  const nasty = [
    '',
    '{',
    '}',
    '"',
    '${',
    '%{',
    '<<',
    '<<EOT',
    '/*',
    '*/',
    '[',
    ']',
    '(',
    ')',
    '=',
    '==',
    '.',
    '...',
    '?',
    ':',
    'a',
    'a =',
    'a = {',
    'a = [',
    'a = (',
    'a = "',
    'a = <<-',
    'a {',
    'a "',
    'a "b" {',
    'a = 1 ?',
    'a = b.',
    'a = b[',
    'a = b[*',
    'a = f(',
    'a = f(x...',
    'a = [for',
    'a = {for k, v in x :',
    'a = "%{for',
    'a = "%{if x}',
    'a = "${~',
    '\u0000',
    '\ud800',
    'a = "\\',
    'a = "\\u',
    '\r',
    '\r\n\r',
    '\t',
    '\ufeff',
    'provider::',
    'a = provider::x::',
    'a = 1e',
    'a = 1.',
  ];
  it.each(nasty)('%j', (source) => {
    const file = parse(source);
    expect(Array.isArray(file.blocks)).toBe(true);
    expect(Array.isArray(file.attributes)).toBe(true);
    expect(file.diagnostics.every((d) => !d.message.startsWith('internal parser error'))).toBe(true);
  });
});

describe('recovery keeps positions right', () => {
  it('a backslash before a line break in a skipped string does not swallow the line break (fast-check counterexample)', () => {
    const source = '"\\\nEOT\na';
    expect(badRanges(source, parse(source))).toEqual([]);
  });
});
