import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathedAttributes } from '../../src/classify/bodyAttributes.js';
import { givesValueTree, valueTree } from '../../src/classify/valueTree.js';
import type { JsonValue } from '../../src/plan/planModel.js';
import { valueBody } from '../../src/plan/valueBody.js';

/** JSON values whose strings are sometimes JSON themselves, as policy documents in a plan are. */
const planValue = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<JsonValue>(null, true, 0, -1.5, '', '*', '0.0.0.0/0'),
    fc.string(),
    fc.jsonValue().map((inner) => JSON.stringify(inner)),
    fc.array(tie('value')),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('valueBody: a plan value as the rules read it', () => {
  it('gives each attribute the value tree its literal expression has, without building it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), planValue, { maxKeys: 6 }), (value) => {
        for (const { attribute } of pathedAttributes(valueBody(value))) {
          expect(givesValueTree(attribute)).toBe(true);
          if (!givesValueTree(attribute)) continue;
          expect(attribute.valueTree()).toEqual(valueTree(attribute.expr));
          expect(attribute.text).toBe(JSON.stringify(attribute.value));
        }
      }),
    );
  });

  it('reads nested blocks as blocks and JSON strings as their structure', () => {
    const policy = JSON.stringify({ Statement: [{ Action: '*' }] });
    const body = valueBody({ policy, ingress: [{ cidr_blocks: ['0.0.0.0/0'] }] });
    const paths = pathedAttributes(body).map((entry) => entry.path);
    expect(paths).toEqual(['policy', 'ingress[0].cidr_blocks']);
    const attribute = body.attributes[0]!;
    expect(givesValueTree(attribute) && attribute.valueTree()).toEqual({ Statement: [{ Action: '*' }] });
    expect(attribute.expr.kind).toBe('literal');
  });
});
