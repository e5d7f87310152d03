import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_RULE_IDS } from '../src/classify/catalog/index.js';
import { loadPolicy } from '../src/config/loadPolicy.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('examples/four-eyes.yml', () => {
  const text = read('examples/four-eyes.yml');

  it('validates against the schema and the built-in catalog', () => {
    const loaded = loadPolicy(text, BUILTIN_RULE_IDS);
    expect(loaded.errors).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it('uses every top-level key of the schema, so it stays a complete example', () => {
    const schema = JSON.parse(read('config-schema/four-eyes.schema.json')) as { properties: Record<string, unknown> };
    const used = Object.keys(parse(text) as object);
    // _extends is Probot's inheritance between repositories: a standalone example has nothing to extend.
    expect(used.sort()).toEqual(
      Object.keys(schema.properties)
        .filter((key) => key !== '_extends')
        .sort(),
    );
  });
});
