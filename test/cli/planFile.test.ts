import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFileSystemError, readPlanFile } from '../../src/cli/planFile.js';
import { readPlan } from '../../src/plan/readPlan.js';
import { PLAN_FIXTURE_NAMES, planFixtureText } from '../plan/planFixtures.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

const dir = scratchDirectory('four-eyes-plan-file');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file holding `bytes`, and what readPlan makes of the text readFileSync(…, 'utf8') gives. */
function written(name: string, bytes: Buffer): { path: string; expected: ReturnType<typeof readPlan> } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, expected: readPlan(bytes.toString('utf8'), path) };
}

/** A plan of several megabytes, so that reading it takes several pieces and its changes span them. */
function largePlan(changes: number): string {
  const resource = (i: number) => ({
    address: `aws_iam_policy.p[${i}]`,
    mode: 'managed',
    type: 'aws_iam_policy',
    name: 'p',
    index: i,
    change: {
      actions: ['create'],
      before: null,
      after: {
        name: `policy-${i}`,
        policy: JSON.stringify({ Statement: [{ Action: '*', Resource: 'x'.repeat(i % 97) }] }),
      },
      after_unknown: { arn: true },
    },
  });
  const resourceChanges = Array.from({ length: changes }, (_, i) => resource(i));
  return JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: { resources: resourceChanges.map((r) => r.change.after) } },
    resource_changes: resourceChanges,
    prior_state: { values: { root_module: {} } },
    configuration: { root_module: {} },
  });
}

describe('readPlanFile: a plan file read piece by piece', () => {
  it.each(PLAN_FIXTURE_NAMES)('%s: as readPlan of its text', (name) => {
    const { path, expected } = written(name, Buffer.from(planFixtureText(name)));
    expect(readPlanFile(path)).toEqual(expected);
  });

  it('a plan larger than many pieces: as readPlan of its text', () => {
    const text = largePlan(12_000);
    expect(text.length).toBeGreaterThan(4 << 20);
    const { path, expected } = written('large.json', Buffer.from(text));
    const read = readPlanFile(path);
    expect('plan' in read && read.plan.resourceChanges.length).toBe(12_000);
    expect(read).toEqual(expected);
  });

  it.each([
    ['invalid JSON after the first piece', (text: string) => text.replace('"prior_state":{', '"prior_state":{,')],
    ['cut short', (text: string) => text.slice(0, 3_000_000)],
    ['UTF-16', (text: string) => `\ufeff${text}`],
  ])('%s: the error readPlan gives of the whole text', (name, change) => {
    const text = change(largePlan(8_000));
    const bytes = name === 'UTF-16' ? Buffer.from(text, 'utf16le') : Buffer.from(text);
    const { path, expected } = written(`${name}.json`, bytes);
    expect('error' in expected).toBe(true);
    expect(readPlanFile(path)).toEqual(expected);
  });

  it.each([
    ['a missing file', join(dir, 'missing.json'), 'ENOENT'],
    ['a directory', join(dir, 'a-directory'), 'EISDIR'],
  ])('%s: the file system error, thrown for the command to word', (_name, path, code) => {
    mkdirSync(join(dir, 'a-directory'), { recursive: true });
    let thrown: unknown;
    try {
      readPlanFile(path);
    } catch (error) {
      thrown = error;
    }
    expect(isFileSystemError(thrown) && thrown.code).toBe(code);
  });

  it('a file that is not a regular file (a pipe, a device) is read whole: as readPlan of its text', () => {
    expect(readPlanFile('/dev/null')).toEqual(readPlan('', '/dev/null'));
  });

  it('isFileSystemError: only errors naming a system call', () => {
    expect(isFileSystemError(new SyntaxError('x'))).toBe(false);
    expect(isFileSystemError(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open' }))).toBe(true);
  });
});
