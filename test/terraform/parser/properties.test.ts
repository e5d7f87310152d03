import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedFile } from '../../../src/terraform/model.js';
import { parseHcl } from '../../../src/terraform/parser.js';
import { badRanges } from '../../support/hcl.js';

/**
 * Properties that must hold for ANY input: parseHcl never throws, returns arrays, every range
 * is inside the file with line/column agreeing with the offset, and no internal error leaks out.
 * (Its time on broken input, which must grow linearly with size, is measured by `npm run bench`:
 * bench/malformed.js. Speed is measured in benchmarks, never in tests.)
 */

const FIXTURES = join(import.meta.dirname, '../../fixtures/realistic');

function listTf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTf(path);
    return entry.name.endsWith('.tf') ? [path] : [];
  });
}

const OWN_SNIPPETS = [
  'resource "aws_s3_bucket" "logs" {\n  bucket = "logs-${var.env}"\n  tags = { team = "platform", cost_center = 42 }\n  lifecycle { prevent_destroy = true }\n}\n',
  'locals {\n  names = [for u in var.users : lower(u.name) if u.active]\n  by_az = { for s in var.subnets : s.az => s.id... }\n  ids   = aws_instance.web[*].id\n  first = aws_instance.web.0.id\n}\n',
  'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["${aws_s3_bucket.b.arn}/*"]\n  }\n}\n',
  'output "user_data" {\n  value = <<-EOT\n    #!/bin/bash\n    %{ for p in var.packages ~}\n    apt-get install -y ${p}\n    %{ endfor ~}\n  EOT\n}\n',
  'variable "x" {\n  type    = map(object({ a = string, b = optional(number, 1) }))\n  default = {}\n  validation {\n    condition     = alltrue([for k, v in var.x : v.b > 0 && !startswith(k, "_")])\n    error_message = "b must be positive."\n  }\n}\n',
  'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n  cidr    = var.cidr != null ? var.cidr : "10.0.0.0/16"\n  azs     = slice(data.aws_availability_zones.a.names, 0, 3)\n}\n',
];

const fixtureSources: string[] = [...listTf(FIXTURES).map((p) => readFileSync(p, 'utf8')), ...OWN_SNIPPETS];

/** Checks every invariant; returns the parse for further checks. */
function checkInvariants(source: string): ParsedFile {
  let result: ParsedFile | undefined;
  expect(() => {
    result = parseHcl(source, 'prop.tf');
  }).not.toThrow();
  const file = result!;
  expect(Array.isArray(file.blocks) && Array.isArray(file.attributes) && Array.isArray(file.diagnostics)).toBe(true);
  expect(file.diagnostics.filter((d) => d.message.startsWith('internal parser error')).map((d) => d.message)).toEqual(
    [],
  );
  expect(badRanges(source, file)).toEqual([]);
  return file;
}

/** Pieces of HCL syntax, so random input reaches deep into the grammar instead of failing at byte 1. */
const TOKENS = [
  'a',
  'b',
  'resource',
  '"x"',
  ' ',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '=',
  '==',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  '.',
  '...',
  ':',
  '?',
  '"',
  '${',
  '%{',
  '~',
  '}',
  'if',
  'else',
  'endif',
  'for',
  'endfor',
  'in',
  '=>',
  '*',
  '[*]',
  '.*',
  '.0',
  '+',
  '-',
  '!',
  '&&',
  '||',
  '<',
  '>=',
  '#',
  '//',
  '/*',
  '*/',
  '<<EOT\n',
  '<<-EOT\n',
  '\nEOT\n',
  '1',
  '2.5e3',
  'true',
  'null',
  '\\',
  '\\n',
  '\\u00e9',
  'é',
  '😀',
  '名',
  'provider::aws::f',
  '$${',
  '%%{',
];
const SURROGATES = 0xe000 - 0xd800;
/**
 * One code point, any but a lone surrogate: exactly fast-check's `unit: 'binary'` (the same values
 * for a seed, the same shrinking), with an unmapper that computes where fast-check's first builds a
 * map of all 1.1 million code points, which took seconds of every run.
 */
const anyCodePoint = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES),
  (value) => {
    const n = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (n === undefined || String.fromCodePoint(n) !== value || (n >= 0xd800 && n < 0xe000))
      throw new Error('not one code point');
    return n < 0xd800 ? n : n - SURROGATES;
  },
);

const hclish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((parts) => parts.join(''));

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ minLength: 1, maxLength: 1 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(source: string, mutations: Mutation[]): string {
  let s = source;
  for (const m of mutations) {
    const at = m.at % (s.length + 1);
    switch (m.kind) {
      case 'insert':
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + m.length);
        break;
      case 'replace':
        s = s.slice(0, at) + m.text + s.slice(at + 1);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
    }
  }
  return s;
}

describe('parseHcl on any input', () => {
  it('has realistic fixtures to mutate', () => {
    expect(fixtureSources.length).toBeGreaterThanOrEqual(40);
  });

  // Found by the mutation property: a pair cut in half left the error's range one unit past the end.
  it.each([
    ['a lone high surrogate', '\uD83D'],
    ['a lone high surrogate after a name', 'a \uD83D'],
    ['a lone low surrogate', '\uDE00'],
    ['a high surrogate before a letter', '\uD83Dx = 1'],
    ['a whole pair', '\uD83D\uDE00'],
  ])('holds the invariants for %s', (_name, source) => {
    checkInvariants(source);
  });

  it('holds the invariants for random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 400 }), (s) => {
        checkInvariants(s);
      }),
      { numRuns: 300 },
    );
  });

  it('holds the invariants for random sequences of HCL tokens', () => {
    fc.assert(
      fc.property(hclish, (s) => {
        checkInvariants(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('holds the invariants for mutated realistic files', () => {
    const fixture = fc.constantFrom(...fixtureSources);
    fc.assert(
      fc.property(fixture, fc.array(mutation, { minLength: 1, maxLength: 8 }), (source, mutations) => {
        checkInvariants(mutate(source, mutations));
      }),
      { numRuns: 500 },
    );
  });

  it('parses every realistic fixture without errors, and deterministically', () => {
    for (const source of fixtureSources) {
      const file = checkInvariants(source);
      expect(file.diagnostics).toEqual([]);
      expect(parseHcl(source, 'prop.tf')).toEqual(file);
    }
  });

  it('parses any input that has no errors to the same result twice', () => {
    const fixture = fc.constantFrom(...fixtureSources);
    fc.assert(
      fc.property(
        fc.oneof(
          hclish,
          fixture.chain((s) => fc.array(mutation, { maxLength: 3 }).map((m) => mutate(s, m))),
        ),
        (source) => {
          const first = parseHcl(source, 'prop.tf');
          fc.pre(first.diagnostics.length === 0);
          expect(parseHcl(source, 'prop.tf')).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adversarial inputs keep the invariants (their time: bench/malformed.js)', () => {
  const MB = 1 << 20;
  const cases: [name: string, make: () => string][] = [
    ['10,000 nested (', () => 'x = ' + '('.repeat(10_000)],
    ['10,000 nested [', () => 'x = ' + '['.repeat(10_000)],
    ['10,000 nested {', () => 'x = ' + '{'.repeat(10_000)],
    ['100,000 "${ sequences', () => 'x = "' + '"${'.repeat(100_000)],
    ['100,000 ${ sequences', () => 'x = "' + '${'.repeat(100_000)],
    ['a 1 MB single-line string', () => 'x = "' + 'a'.repeat(MB) + '"'],
    ['a 1 MB single-line comment', () => '# ' + 'a'.repeat(MB)],
    ['a 1 MB line of tokens', () => 'x = [' + '1, '.repeat(MB / 3) + ']'],
    ['50,000 unclosed { blocks on one line each', () => 'a {\n'.repeat(50_000)],
    ['50,000 unclosed { blocks on one line', () => 'a {'.repeat(50_000)],
    ['100,000 unclosed /* comments', () => '/*'.repeat(100_000)],
    ['100,000 quotes', () => '"'.repeat(100_000)],
    ['20,000 unclosed heredocs', () => 'x = <<EOT\n'.repeat(20_000)],
    ['200,000 stray }', () => '}'.repeat(200_000)],
    ['200,000 garbage lines', () => '@\n'.repeat(200_000)],
    ['50,000 unterminated strings', () => 'x = "abc\n'.repeat(50_000)],
    ['20,000 %{endif}', () => 'x = "' + '%{endif}'.repeat(20_000) + '"'],
    ['100,000 unary -', () => 'x = ' + '-'.repeat(100_000) + '1'],
    ['10,000 nested conditionals', () => 'x = ' + 'a ? '.repeat(10_000)],
    ['10,000 nested for', () => 'x = ' + '[for x in '.repeat(10_000)],
    ['100,000 labels', () => 'a ' + '"x" '.repeat(100_000)],
    ['100,000 dollars', () => 'x = "' + '$'.repeat(100_000) + '"'],
    // valid but long chains: the tree is deep even though the nesting is not
    ['a 1 MB attribute traversal a.a.a…', () => 'x = ' + 'a.'.repeat(MB / 2) + 'a'],
    ['100,000 additions 1 + 1 + …', () => 'x = ' + '1 + '.repeat(100_000) + '1'],
    ['50,000 chained splats a[*][*]…', () => 'x = a' + '[*]'.repeat(50_000)],
    ['20,000 nested %{if}', () => 'x = "' + '%{if a}'.repeat(20_000) + '"'],
    ['100,000 object items on separate lines', () => 'x = {\n' + 'k = 1\n'.repeat(100_000) + '}'],
  ];

  it.each(cases)('%s', (_name, make) => {
    checkInvariants(make());
  });
});
