import { describe, expect, it } from 'vitest';
import { renderedTemplate } from '../../src/classify/renderedTemplate.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

/** The call as the resolver hands it on: the template's text in place of its path. */
function call(template: string, vars: string): Extract<Expression, { kind: 'call' }> {
  const parsed = parseHcl(`v = ${vars}\n`, 'vars.tf');
  return {
    kind: 'call',
    name: 'templatefile',
    args: [{ kind: 'literal', value: template, range: parsed.attributes[0]!.range }, parsed.attributes[0]!.expr],
    expandFinal: false,
    range: parsed.attributes[0]!.range,
  };
}

describe('templatefile rendered where its values are known', () => {
  it.each([
    [
      'jsonencode of a list',
      '{"Action":${jsonencode(actions)}}',
      '{ actions = ["s3:*", "iam:*"] }',
      '{"Action":["s3:*","iam:*"]}\n',
    ],
    ['a scalar', 'name=${name}', '{ name = "ops" }', 'name=ops\n'],
    ['no interpolation', '{"a":1}', '{}', '{"a":1}\n'],
    ['a value not known', '${x}', '{ x = var.x }', null],
    ['a directive', '%{ for a in xs }${a}%{ endfor }', '{ xs = ["a"] }', null],
    ['a variable not given', '${missing}', '{}', null],
    ['a line that would end the heredoc', 'FOUR_EYES_TEMPLATE_END\n', '{}', null],
  ])('%s', (_case, template, vars, expected) => {
    expect(renderedTemplate(call(template, vars))).toBe(expected);
  });
});
