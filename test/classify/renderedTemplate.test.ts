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
      '{"Action":["s3:*","iam:*"]}',
    ],
    ['a scalar', 'name=${name}', '{ name = "ops" }', 'name=ops'],
    ['no interpolation', '{"a":1}', '{}', '{"a":1}'],
    ['a value not known', '${x}', '{ x = var.x }', null],
    ['a for directive over a list', '%{ for a in xs }[${a}]%{ endfor }', '{ xs = ["a", "b"] }', '[a][b]'],
    [
      'a for directive over a map, keys in order',
      '%{ for k, v in m }${k}=${v};%{ endfor }',
      '{ m = { b = 2, a = 1 } }',
      'a=1;b=2;',
    ],
    ['an if directive, true', '%{ if admin }"*"%{ else }"s3:GetObject"%{ endif }', '{ admin = true }', '"*"'],
    [
      'an if directive, false',
      '%{ if admin }"*"%{ else }"s3:GetObject"%{ endif }',
      '{ admin = false }',
      '"s3:GetObject"',
    ],
    ['an if directive without else, false', 'a%{ if admin }*%{ endif }b', '{ admin = false }', 'ab'],
    ['a condition given as the string "true"', '%{ if admin }*%{ endif }', '{ admin = "true" }', '*'],
    ['a condition not known', '%{ if admin }*%{ endif }', '{ admin = var.admin }', null],
    ['a condition that is no bool', '%{ if admin }*%{ endif }', '{ admin = "yes" }', null],
    ['a collection not known', '%{ for a in xs }${a}%{ endfor }', '{ xs = var.xs }', null],
    ['a list index as the key (a set has none)', '%{ for i, a in xs }${i}%{ endfor }', '{ xs = ["a"] }', null],
    ['a variable not given', '${missing}', '{}', null],
    ['a line that would end the heredoc', 'FOUR_EYES_TEMPLATE_END\n', '{}', null],
    [
      'a template that ends with a line break keeps it, and only it',
      'name=${name}\n',
      '{ name = "ops" }',
      'name=ops\n',
    ],
  ])('%s', (_case, template, vars, expected) => {
    expect(renderedTemplate(call(template, vars))).toBe(expected);
  });
});
