// Differential test: every realistic fixture is parsed by our parser and by hcl2-parser
// (HashiCorp's HCL compiled to JavaScript), and both must see the same outline — block types,
// labels, attribute names and nested blocks. See bench/oracle.js for the normalisation.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareOutlines, outlineOfOracleResult, outlineOfParsedFile } from '../../bench/oracle.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { hcl2json } from '../support/hcl2json.js';

const fixtureRoot = fileURLToPath(new URL('../fixtures/realistic/', import.meta.url));

function terraformFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return terraformFilesUnder(path);
      return entry.name.endsWith('.tf') ? [path] : [];
    })
    .sort();
}

const fixtures = terraformFilesUnder(fixtureRoot).map((path) => relative(fixtureRoot, path));

describe('realistic fixtures', () => {
  it('has at least 40 files, so the comparison below cannot silently become empty', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixtures)('%s: same outline as hcl2-parser', (path) => {
    const source = readFileSync(join(fixtureRoot, path), 'utf8');
    const ours = parseHcl(source, path);
    const oracle = outlineOfOracleResult(hcl2json(source));

    const errors = ours.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
    expect(errors).toEqual([]);
    expect('error' in oracle ? oracle.error : undefined).toBeUndefined();
    expect(compareOutlines(oracle, outlineOfParsedFile(ours))).toEqual([]);
    // A file with no blocks would compare equal to anything that also lost everything.
    expect(outlineOfParsedFile(ours).blocks.length).toBeGreaterThan(0);
  });
});
