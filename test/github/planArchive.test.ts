import { describe, expect, it } from 'vitest';
import { ARCHIVE_LIMITS, readPlanArchive } from '../../src/github/planArchive.js';
import { readPlan } from '../../src/plan/readPlan.js';
import { PLAN_FIXTURE_NAMES, planFixtureText } from '../plan/planFixtures.js';
import { zipOf } from './support/fakeActions.js';

const PLAN = JSON.stringify({ format_version: '1.2', resource_changes: [] });
const LABEL = 'artifact "four-eyes-plan" of run 77';
const read = (zip: Uint8Array, limits = ARCHIVE_LIMITS) => readPlanArchive(zip, LABEL, 'four-eyes-plan', limits);

describe('reading a plan artifact', () => {
  it('every *.json entry is a plan named <artifact>/<entry>, in name order; other files are listed as ignored', () => {
    const contents = read(zipOf({ 'b.json': PLAN, 'plans/a.json': PLAN, 'plan.tfplan': 'binary', 'README.md': 'hi' }));
    expect(contents.plans.map((p) => p.source)).toEqual(['four-eyes-plan/b.json', 'four-eyes-plan/plans/a.json']);
    expect(contents.unreadable).toEqual([]);
    expect(contents.ignored.map((i) => i.source).sort()).toEqual([
      'four-eyes-plan/README.md',
      'four-eyes-plan/plan.tfplan',
    ]);
  });

  it.each([
    ['not JSON', '{"format_version": ', /^invalid JSON: unexpected end of input/],
    ['not a plan', '{"hello": 1}', /^format_version: missing: this is not the output of `terraform show -json`/],
    ['an unknown major version', '{"format_version": "2.0"}', /^format_version: plan format 2\.0 is not supported/],
  ])('a file that is %s is unreadable, named', (_name, text, message) => {
    const contents = read(zipOf({ 'x.json': text }));
    expect(contents.plans).toEqual([]);
    expect(contents.unreadable).toHaveLength(1);
    expect(contents.unreadable[0]!.source).toBe('four-eyes-plan/x.json');
    expect(contents.unreadable[0]!.message).toMatch(message);
  });

  it('each entry as readPlan reads its text: every fixture, one with a byte order mark, and invalid JSON in prior_state', () => {
    const texts: Record<string, string> = {};
    for (const name of PLAN_FIXTURE_NAMES) texts[name] = planFixtureText(name);
    texts['bom.json'] = `\ufeff${PLAN}`;
    texts['invalid-prior-state.json'] = PLAN.replace('}', ',"prior_state":{"values":[1,]}}');
    const contents = read(zipOf(texts));
    const expected = Object.keys(texts)
      .sort()
      .map((name) => readPlan(texts[name]!, `four-eyes-plan/${name}`));
    expect(contents.plans).toEqual(expected.flatMap((result) => ('plan' in result ? [result.plan] : [])));
    expect(contents.unreadable).toEqual(expected.flatMap((result) => ('error' in result ? [result.error] : [])));
    expect(contents.unreadable).toHaveLength(1);
  });

  it('a file that is not UTF-8 is unreadable', () => {
    const contents = read(zipOf({ 'x.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }));
    expect(contents.unreadable).toEqual([
      { source: 'four-eyes-plan/x.json', line: null, message: 'four-eyes-plan/x.json is not UTF-8 text' },
    ]);
  });

  it('bytes that are not a zip: the whole artifact is unreadable', () => {
    const contents = read(new TextEncoder().encode('<Error>BlobNotFound</Error>'));
    expect(contents.plans).toEqual([]);
    expect(contents.unreadable).toHaveLength(1);
    expect(contents.unreadable[0]!.message).toMatch(
      /^artifact "four-eyes-plan" of run 77 is not a zip archive Four Eyes can read: /,
    );
  });

  it.each([
    [
      'more entries than the bound',
      { ...ARCHIVE_LIMITS, entries: 2 },
      'holds 3 files; Four Eyes reads at most 2 (one plan per root)',
    ],
    [
      'more bytes unzipped than the bound',
      { ...ARCHIVE_LIMITS, unzippedBytes: 100 },
      'holds 0.0 MB unzipped; Four Eyes reads at most 0.0 MB',
    ],
  ])('%s: nothing is inflated, the artifact is unreadable', (_name, limits, message) => {
    const contents = read(zipOf({ 'a.json': PLAN, 'b.json': PLAN, 'c.json': PLAN }), limits);
    expect(contents.plans).toEqual([]);
    expect(contents.unreadable).toEqual([{ source: LABEL, line: null, message: `${LABEL} ${message}` }]);
  });

  it('an entry that inflates past the size its archive declares is cut there, never grown: unreadable', () => {
    const text = JSON.stringify({ format_version: '1.2', resource_changes: [], padding: ' '.repeat(10_000) });
    const zip = zipOf({ 'x.json': text });
    declareSize(zip, 'x.json', 40);
    const contents = read(zip);
    expect(contents.plans).toEqual([]);
    expect(contents.unreadable[0]!.message).toMatch(/^invalid JSON: /);
  });
});

/** Rewrites an entry's uncompressed size in the zip's central directory (what readers trust). */
function declareSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 46 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      return;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}
