import { describe, expect, it } from 'vitest';
import type { Expression } from '../../src/terraform/model.js';
import { withLocalsInlined } from '../../src/terraform/parentLocals.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

const expr = (text: string): Expression => parseHcl(`x = ${text}\n`, 'x.hcl').attributes[0]!.expr;

/** The locals of one file, as `name = text` lines. */
function locals(lines: string): Map<string, Expression> {
  return new Map(parseHcl(lines, 'root.hcl').attributes.map((attribute) => [attribute.name, attribute.expr]));
}

describe("an expression with the locals of the file it is written in put in place, for another file's scope", () => {
  const written = locals(
    'cidrs = ["0.0.0.0/0"]\nregion = "eu-west-1"\nall = concat(local.cidrs, ["10.0.0.0/8"])\nloop = local.loop\n',
  );

  it.each([
    ['a local', 'local.cidrs', '["0.0.0.0/0"]'],
    ['a local read by a local', 'local.all', 'concat(["0.0.0.0/0"], ["10.0.0.0/8"])'],
    ['in a template', '"${local.region}-bastion"', '"${"eu-west-1"}-bastion"'],
    [
      'in a for, a conditional and an index',
      '[for c in local.cidrs : c if local.region != ""][0]',
      '[for c in ["0.0.0.0/0"] : c if "eu-west-1" != ""][0]',
    ],
    ['in an object', '{ ssh = local.cidrs }', '{ssh = ["0.0.0.0/0"]}'],
    ['a local the file does not have: kept', 'local.other', 'local.other'],
  ])('%s', (_case, text, expected) => {
    expect(expressionText(withLocalsInlined(expr(text), written))).toBe(expressionText(expr(expected)));
  });

  it('a local that reads itself stays a reference after a few rounds: no endless inlining', () => {
    expect(expressionText(withLocalsInlined(expr('local.loop'), written))).toBe('local.loop');
  });

  it('an expression that names no local is the same object', () => {
    const plain = expr('["10.0.0.0/8"]');
    expect(withLocalsInlined(plain, written)).toBe(plain);
  });
});
