import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../../src/terraform/parser.js';
import { at, diagnosticLines, outline, parse, span } from '../../support/hcl.js';

describe('a whole file', () => {
  it('gives blocks, labels, attributes and every range', () => {
    const source = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
    expect(parseHcl(source, 'main.tf')).toEqual({
      path: 'main.tf',
      syntax: 'hcl',
      attributes: [],
      blocks: [
        {
          type: 'resource',
          labels: ['aws_s3_bucket', 'logs'],
          range: span(at(1, 1, 0), at(3, 2, 53)),
          typeRange: span(at(1, 1, 0), at(1, 9, 8)),
          labelRanges: [span(at(1, 10, 9), at(1, 25, 24)), span(at(1, 26, 25), at(1, 32, 31))],
          attributes: [
            {
              name: 'bucket',
              range: span(at(2, 3, 36), at(2, 18, 51)),
              nameRange: span(at(2, 3, 36), at(2, 9, 42)),
              expr: { kind: 'literal', value: 'logs', range: span(at(2, 12, 45), at(2, 18, 51)) },
              text: '"logs"',
              value: 'logs',
            },
          ],
          blocks: [],
        },
      ],
      diagnostics: [],
    });
  });

  it('gives nested blocks, one-line blocks and empty blocks', () => {
    const source = [
      'resource "aws_security_group" "web" {',
      '  ingress {',
      '    from_port = 443',
      '  }',
      '  lifecycle { create_before_destroy = true }',
      '  timeouts {}',
      '}',
      '',
    ].join('\n');
    const file = parse(source);
    expect(file.diagnostics).toEqual([]);
    const block = file.blocks[0]!;
    expect(
      block.blocks.map((b) => ({
        type: b.type,
        labels: b.labels,
        range: b.range,
        typeRange: b.typeRange,
        labelRanges: b.labelRanges,
      })),
    ).toEqual([
      {
        type: 'ingress',
        labels: [],
        range: span(at(2, 3, 40), at(4, 4, 73)),
        typeRange: span(at(2, 3, 40), at(2, 10, 47)),
        labelRanges: [],
      },
      {
        type: 'lifecycle',
        labels: [],
        range: span(at(5, 3, 76), at(5, 45, 118)),
        typeRange: span(at(5, 3, 76), at(5, 12, 85)),
        labelRanges: [],
      },
      {
        type: 'timeouts',
        labels: [],
        range: span(at(6, 3, 121), at(6, 14, 132)),
        typeRange: span(at(6, 3, 121), at(6, 11, 129)),
        labelRanges: [],
      },
    ]);
    expect(block.blocks[1]!.attributes[0]).toMatchObject({
      name: 'create_before_destroy',
      range: span(at(5, 15, 88), at(5, 43, 116)),
      text: 'true',
      value: true,
    });
    expect(block.range).toEqual(span(at(1, 1, 0), at(7, 2, 134)));
  });
});

describe('bodies', () => {
  const cases: [name: string, source: string, outline: string[]][] = [
    ['an empty file', '', []],
    ['only blank lines and comments', '\n\n  # only a comment\n// another\n/* and\n a block comment */\n', []],
    ['top-level attributes (.tfvars)', 'region = "eu-west-1"\ncount  = 3\n', ['region = "eu-west-1"', 'count = 3']],
    ['no new line at the end', 'a = 1', ['a = 1']],
    ['a block with quoted labels', 'resource "aws_iam_role" "ci" {\n}\n', ['resource "aws_iam_role" "ci"']],
    ['a block with bare labels', 'resource aws_iam_role ci {\n}\n', ['resource "aws_iam_role" "ci"']],
    ['mixed quoted and bare labels', 'provider aws "east" {}\n', ['provider "aws" "east"']],
    [
      'a block without labels',
      'terraform {\n  required_version = ">= 1.5"\n}\n',
      ['terraform', '  required_version = ">= 1.5"'],
    ],
    ['a label with spaces and symbols', 'a "hello world/é" {}\n', ['a "hello world/é"']],
    ['a label with an escape', 'a "x\\ty" {}\n', ['a "x\\ty"']],
    ['an empty label', 'a "" {}\n', ['a ""']],
    ['no space before the brace', 'a "x"{}\nb{}\n', ['a "x"', 'b']],
    ['a one-line block with one argument', 'variable "x" { default = 1 }\n', ['variable "x"', '  default = 1']],
    ['one-line blocks in a row', 'a {}\nb { c = 1 }\nd "e" {}\n', ['a', 'b', '  c = 1', 'd "e"']],
    ['nested blocks', 'a {\n  b {\n    c {\n      d = 1\n    }\n  }\n}\n', ['a', '  b', '    c', '      d = 1']],
    [
      'blocks and attributes interleaved keep each kind in order',
      'a {\n  x = 1\n  b {}\n  y = 2\n  c {}\n}\n',
      ['a', '  x = 1', '  y = 2', '  b', '  c'],
    ],
    [
      'repeated blocks of the same type',
      'a {\n  b { n = 1 }\n  b { n = 2 }\n}\n',
      ['a', '  b', '    n = 1', '  b', '    n = 2'],
    ],
    [
      'blank lines and comments between items',
      '# head\n\na = 1 # trailing\n\n// middle\n/* block\ncomment */ b = 2\nc = /* inline */ 3\n',
      ['a = 1', 'b = 2', 'c = 3'],
    ],
    ['a comment right after a block brace', 'a { # why\n  b = 1\n} // done\n', ['a', '  b = 1']],
    ['a comment inside the labels', 'a "x" /* y */ "z" {}\n', ['a "x" "z"']],
    ['CRLF line endings', 'a = 1\r\nb {\r\n  c = "x"\r\n}\r\n', ['a = 1', 'b', '  c = "x"']],
    ['tabs as indentation', 'a {\n\tb\t=\t1\n}\n', ['a', '  b = 1']],
    ['a byte order mark', '\ufeffa = 1\n', ['a = 1']],
    [
      'Unicode names',
      'résumé = "é"\n名前 = 1\nblöck "läbel" ünquoted {\n  ключ = true\n}\n',
      ['résumé = "é"', '名前 = 1', 'blöck "läbel" "ünquoted"', '  ключ = true'],
    ],
    ['names with dashes and digits', 'my-block_2 {\n  arg-1 = 1\n}\n', ['my-block_2', '  arg-1 = 1']],
    ['an equals sign followed by == in the value', 'a = b == c\n', ['a = b == c']],
  ];

  it.each(cases)('%s', (_name, source, expected) => {
    const file = parse(source);
    expect(diagnosticLines(file)).toEqual([]);
    expect(outline(file)).toEqual(expected);
  });

  it('reports the path it was given and the hcl syntax', () => {
    const file = parseHcl('a = 1\n', 'modules/x/main.tf');
    expect(file.path).toBe('modules/x/main.tf');
    expect(file.syntax).toBe('hcl');
  });
});

describe('one-line block rules (as in HCL)', () => {
  it('rejects two arguments in a one-line block and recovers at its closing brace', () => {
    const file = parse('a { b = 1, c = 2 }\nd = 1\n');
    expect(diagnosticLines(file)).toEqual([
      'error: a one-line block holds a single argument and closes with "}" on the same line; put its body on separate lines @ 1:10+9-1:11+10',
    ]);
    expect(outline(file)).toEqual(['d = 1', 'a', '  b = 1']);
  });

  it('rejects a nested block in a one-line block', () => {
    const file = parse('a { b {} }\n');
    expect(diagnosticLines(file)).toEqual([
      'error: a one-line block "a" cannot contain a block; put its body on separate lines @ 1:5+4-1:6+5',
    ]);
    expect(outline(file)).toEqual(['a', '  b']);
  });

  it('rejects the closing brace of a multi-line block on an argument line', () => {
    const file = parse('a {\n  b = 1 }\nc = 2\n');
    expect(diagnosticLines(file)).toEqual([
      'error: the closing "}" of a multi-line block must be on its own line @ 2:9+12-2:10+13',
    ]);
    expect(outline(file)).toEqual(['c = 2', 'a', '  b = 1']);
  });
});
