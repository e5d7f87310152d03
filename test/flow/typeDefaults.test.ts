import { describe, expect, it } from 'vitest';
import { withTypeDefaults } from '../../src/flow/typeDefaults.js';
import { parseExpression } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

/*
 * A variable's value is read with its type's optional attributes filled in, as Terraform
 * converts it: left out → null or the default, set to null → the default. Values whose shape is
 * not written out are left as they are, so what they leave out stays unknown.
 */

const parsed = (text: string) => parseExpression(text, { line: 1, column: 1, offset: 0 }).expr;

describe('withTypeDefaults', () => {
  it.each<[string, string, string, string]>([
    ['an optional attribute left out is null', 'object({ a = optional(string) })', '{ b = 1 }', '{ b = 1, a = null }'],
    ['a default fills it', 'object({ a = optional(string, "x") })', '{}', '{ a = "x" }'],
    [
      'null given for an attribute with a default',
      'object({ a = optional(string, "x") })',
      '{ a = null }',
      '{ a = "x" }',
    ],
    ['a written value stays', 'object({ a = optional(string, "x") })', '{ a = "y" }', '{ a = "y" }'],
    ['map of objects', 'map(object({ a = optional(string) }))', '{ k = {} }', '{ k = { a = null } }'],
    [
      'list of objects',
      'list(object({ a = optional(bool, true) }))',
      '[{}, { a = false }]',
      '[{ a = true }, { a = false }]',
    ],
    [
      'nested optional objects and the default converted too',
      'object({ o = optional(object({ a = optional(string, "x") }), {}) })',
      '{}',
      '{ o = { a = "x" } }',
    ],
    ['a reference is not converted', 'object({ a = optional(string) })', 'local.x', 'local.x'],
    ['a computed key: nothing filled in', 'object({ a = optional(string) })', '{ (local.k) = 1 }', '{ (local.k) = 1 }'],
    ['a type without optional attributes', 'map(object({ a = string }))', '{ k = {} }', '{ k = {} }'],
    ['any', 'any', '{ k = {} }', '{ k = {} }'],
  ])('%s', (_name, type, value, expected) => {
    expect(expressionText(withTypeDefaults(parsed(value), parsed(type)))).toBe(expressionText(parsed(expected)));
  });
});
