// Specification of the outline normalisation in bench/oracle.js: what the oracle (hcl2-parser)
// and our ParsedFile each reduce to, and that the comparison reports every kind of difference.
import { describe, expect, it } from 'vitest';
import {
  compareOutlines,
  type Outline,
  type OutlineBlock,
  oracleOutline,
  outlineOfParsedFile,
} from '../../bench/oracle.js';
import { parseHcl } from '../../src/terraform/parser.js';

function block(type: string, labels: string[], attributes: string[], blocks: OutlineBlock[] = []): OutlineBlock {
  return { type, labels, attributes, blocks };
}

const sample = `
resource "aws_security_group" "web" {
  name = "web"
  tags = { Team = "a" }
  ports = [80, 443]
  egress {
    to_port = 0
  }
  ingress {
    to_port = 443
  }
  ingress {
    from_port = 80
    to_port   = 80
  }
  dynamic "rule" {
    for_each = var.rules
    content {
      x = rule.value
    }
  }
}
variable "v" {}
`;

const sampleOutline: Outline = {
  attributes: [],
  blocks: [
    block(
      'resource',
      ['aws_security_group', 'web'],
      ['name', 'ports', 'tags'],
      [
        block('dynamic', ['rule'], ['for_each'], [block('content', [], ['x'])]),
        block('egress', [], ['to_port']),
        block('ingress', [], ['from_port', 'to_port']),
        block('ingress', [], ['to_port']),
      ],
    ),
    block('variable', ['v'], []),
  ],
};

describe('oracleOutline', () => {
  it('reduces hcl2-parser output to sorted blocks, labels and attribute names', () => {
    expect(oracleOutline(sample)).toEqual(sampleOutline);
  });

  it('reads a tuple of objects as nested blocks, because hcl2-parser writes blocks that way', () => {
    expect(
      oracleOutline('resource "a" "b" {\n  ingress = [{ port = 1 }, { port = 2, cidr = "x" }]\n  empty = []\n}\n'),
    ).toEqual({
      attributes: [],
      blocks: [
        block(
          'resource',
          ['a', 'b'],
          ['empty'],
          [block('ingress', [], ['cidr', 'port']), block('ingress', [], ['port'])],
        ),
      ],
    });
  });

  it('reads an object whose values are tuples of objects as labelled blocks, dynamic keys as <expr>', () => {
    expect(oracleOutline('locals {\n  m = { (var.k) = [{ a = 1 }], plain = [{}] }\n}\n')).toEqual({
      attributes: [],
      blocks: [block('locals', [], [], [block('m', ['<expr>'], ['a']), block('m', ['plain'], [])])],
    });
  });

  it('keeps top-level attributes apart from blocks', () => {
    expect(oracleOutline('region = "eu"\ncounts = { a = 1 }\n')).toEqual({
      attributes: ['counts', 'region'],
      blocks: [],
    });
  });

  it.each([
    ['an unterminated block', 'resource "a" "b" {\n'],
    ['a missing expression', 'a = \n'],
    ['a nested block in a one-line block', 'a { b {} }\n'],
  ])('reports an error for %s', (_name, source) => {
    expect(oracleOutline(source)).toEqual({ error: 'hcl2-parser rejected the input (it gives no message)' });
  });
});

describe('outlineOfParsedFile', () => {
  it('gives the same outline as the oracle for the same source', () => {
    expect(outlineOfParsedFile(parseHcl(sample, 'sample.tf'))).toEqual(sampleOutline);
  });

  it('applies the same rule: an attribute holding a tuple of objects counts as blocks', () => {
    const parsed = parseHcl(
      'resource "a" "b" {\n  ingress = [{ port = 1 }]\n  m = { (var.k) = [{ a = 1 }] }\n}\n',
      'x.tf',
    );
    expect(outlineOfParsedFile(parsed)).toEqual({
      attributes: [],
      blocks: [block('resource', ['a', 'b'], [], [block('ingress', [], ['port']), block('m', ['<expr>'], ['a'])])],
    });
  });
});

describe('compareOutlines', () => {
  const base: Outline = {
    attributes: [],
    blocks: [block('resource', ['t', 'n'], ['a', 'b'], [block('ingress', [], ['port'])])],
  };

  it('is empty for equal outlines', () => {
    expect(compareOutlines(base, structuredClone(base))).toEqual([]);
  });

  it.each<[string, Outline, string[]]>([
    [
      'a missing attribute',
      { attributes: [], blocks: [block('resource', ['t', 'n'], ['a'], [block('ingress', [], ['port'])])] },
      ['resource "t" "n": missing attribute b'],
    ],
    [
      'an unexpected attribute in a nested block',
      { attributes: [], blocks: [block('resource', ['t', 'n'], ['a', 'b'], [block('ingress', [], ['port', 'self'])])] },
      ['resource "t" "n" > ingress: unexpected attribute self'],
    ],
    [
      'a missing nested block',
      { attributes: [], blocks: [block('resource', ['t', 'n'], ['a', 'b'])] },
      ['resource "t" "n": missing block ingress'],
    ],
    [
      'a different label',
      { attributes: [], blocks: [block('resource', ['t', 'm'], ['a', 'b'], [block('ingress', [], ['port'])])] },
      ['(file): missing block resource "t" "n"', '(file): unexpected block resource "t" "m"'],
    ],
    [
      'a repeated block',
      {
        attributes: [],
        blocks: [
          block('resource', ['t', 'n'], ['a', 'b'], [block('ingress', [], ['port']), block('ingress', [], ['port'])]),
        ],
      },
      ['resource "t" "n": block ingress appears 2 times, expected 1'],
    ],
    [
      'an unexpected top-level attribute',
      { attributes: ['region'], blocks: base.blocks },
      ['(file): unexpected attribute region'],
    ],
  ])('reports %s', (_name, actual, differences) => {
    expect(compareOutlines(base, actual)).toEqual(differences);
  });

  it('reports a failed side instead of comparing', () => {
    expect(compareOutlines({ error: 'boom' }, base)).toEqual(['expected side failed: boom']);
  });
});
