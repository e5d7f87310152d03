import { describe, expect, it } from 'vitest';
import type { Change, ChangeSet } from '../../src/change/changeSet.js';
import { rootsNeedingPlans } from '../../src/github/planRoots.js';
import type { PlanPolicy } from '../../src/model/policy.js';

const change = (module: string, roots?: string[]): Change => ({
  kind: 'resource',
  module,
  address: 'aws_s3_bucket.logs',
  action: 'update',
  changedPaths: ['bucket'],
  ...(roots ? { instances: roots.map((root) => ({ root, address: `module.m.aws_s3_bucket.logs` })) } : {}),
});

const changeSet = (changes: Change[], files: string[] = []): ChangeSet => ({
  changes,
  files: files.map((path) => ({ path, status: 'modified', terraform: path.endsWith('.tf') })),
  unparsed: [],
  problems: [],
});

const plans = (required: boolean, roots: PlanPolicy['roots'] = []): PlanPolicy => ({
  workflow: '.github/workflows/terraform.yml',
  artifact: 'four-eyes-plan',
  required,
  roots,
});

describe('the roots a pull request cannot pass without a plan of', () => {
  it.each([
    ['not required: none', changeSet([change('stacks/prod')]), plans(false), []],
    ['required: the root of a changed object', changeSet([change('stacks/prod')]), plans(true), ['stacks/prod']],
    [
      'required: every root that calls a changed module',
      changeSet([change('modules/bucket', ['stacks/prod', 'stacks/dev'])]),
      plans(true),
      ['stacks/dev', 'stacks/prod'],
    ],
    ['required: nothing changed in any root, none', changeSet([], ['README.md']), plans(true), []],
    [
      "a listed root's false overrides the top's true",
      changeSet([change('modules/bucket', ['stacks/prod', 'stacks/dev'])]),
      plans(true, [{ path: 'stacks/dev', required: false }]),
      ['stacks/prod'],
    ],
    [
      "a listed root's true overrides the top's false",
      changeSet([change('stacks/prod'), change('stacks/dev')]),
      plans(false, [{ path: 'stacks/prod', required: true }]),
      ['stacks/prod'],
    ],
    [
      'a listed root counts as changed when a file under it changes (a lock file: no object changes)',
      changeSet([], ['stacks/prod/.terraform.lock.hcl']),
      plans(false, [{ path: 'stacks/prod', required: true }]),
      ['stacks/prod'],
    ],
    [
      'a file in a directory that only shares the prefix is not under the root',
      changeSet([], ['stacks/production/main.tf']),
      plans(false, [{ path: 'stacks/prod', required: true }]),
      [],
    ],
    [
      'the top directory (.): its own files, not those of subdirectories',
      changeSet([], ['versions.tf', 'stacks/prod/main.tf']),
      plans(false, [{ path: '.', required: true }]),
      ['.'],
    ],
  ])('%s', (_name, changes, policy, expected) => {
    expect(rootsNeedingPlans(changes, policy)).toEqual(expected);
  });
});
