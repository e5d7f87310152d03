import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';
import { planFileName } from '../../src/plan/planFileName.js';

function plansOf(yaml: string) {
  const loaded = loadPolicy(yaml, BUILTIN_RULE_IDS);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.policy.plans;
}

/** Each error line as the CLI prints it: "line:column message". */
function errorsOf(yaml: string): string[] {
  return loadPolicy(yaml, BUILTIN_RULE_IDS).errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('plans: in the policy', () => {
  it('absent: the policy reads no plan', () => {
    expect(plansOf('version: 1\n')).toBeNull();
  });

  it('only a workflow: the default artifact, not required, no roots', () => {
    expect(plansOf('plans:\n  workflow: .github/workflows/terraform.yml\n')).toEqual({
      workflow: '.github/workflows/terraform.yml',
      artifact: 'four-eyes-plan',
      required: false,
      roots: [],
    });
  });

  it("a root's required overrides the top one; a root without it takes the top one", () => {
    const yaml = [
      'plans:',
      '  workflow: .github/workflows/plan.yaml',
      '  artifact: plans',
      '  required: true',
      '  roots:',
      '    - { path: stacks/dev, required: false }',
      '    - path: stacks/prod',
      '    - path: .',
      '',
    ].join('\n');
    expect(plansOf(yaml)).toEqual({
      workflow: '.github/workflows/plan.yaml',
      artifact: 'plans',
      required: true,
      roots: [
        { path: 'stacks/dev', required: false },
        { path: 'stacks/prod', required: true },
        { path: '.', required: true },
      ],
    });
  });
});

describe('errors in plans:, with their position', () => {
  it.each([
    [
      'no workflow',
      'plans:\n  required: true\n',
      '2:3 plans is missing "workflow", which is required (line 2, column 3)',
    ],
    [
      'a workflow outside .github/workflows',
      'plans:\n  workflow: ci/terraform.yml\n',
      '2:13 plans.workflow "ci/terraform.yml" is not a workflow GitHub Actions runs: name a file directly under .github/workflows/ ending in .yml or .yaml (line 2, column 13)',
    ],
    [
      'a workflow in a subdirectory (GitHub does not run those)',
      'plans:\n  workflow: .github/workflows/tf/plan.yml\n',
      '2:13 plans.workflow ".github/workflows/tf/plan.yml" is not a workflow GitHub Actions runs: name a file directly under .github/workflows/ ending in .yml or .yaml (line 2, column 13)',
    ],
    [
      'a workflow that is not YAML',
      'plans:\n  workflow: .github/workflows/plan.json\n',
      '2:13 plans.workflow ".github/workflows/plan.json" is not a workflow GitHub Actions runs: name a file directly under .github/workflows/ ending in .yml or .yaml (line 2, column 13)',
    ],
    [
      'an artifact name GitHub refuses',
      'plans:\n  workflow: .github/workflows/plan.yml\n  artifact: plans/prod\n',
      '3:13 plans.artifact must be a name GitHub Actions accepts for an artifact: no `/`, `\\`, `"`, `:`, `<`, `>`, `|`, `*` or `?`; the artifact the workflow uploads the plan JSON files as, got "plans/prod" (line 3, column 13)',
    ],
    [
      'an unknown key',
      'plans:\n  workflow: .github/workflows/plan.yml\n  requried: true\n',
      '3:3 plans.requried is not a known key; did you mean "required"? (allowed here: workflow, artifact, required, roots) (line 3, column 3)',
    ],
    [
      'an absolute root',
      'plans:\n  workflow: .github/workflows/plan.yml\n  roots: [{ path: /stacks/prod }]\n',
      '3:19 plans.roots[0].path "/stacks/prod" must be a directory relative to the repository\'s top, without a leading or trailing "/" (`stacks/prod`) (line 3, column 19)',
    ],
    [
      'a root outside the repository',
      'plans:\n  workflow: .github/workflows/plan.yml\n  roots: [{ path: ../other }]\n',
      '3:19 plans.roots[0].path "../other" must name a directory inside the repository: no empty, "." or ".." parts (`.` alone is the top) (line 3, column 19)',
    ],
    [
      'a root with backslashes',
      'plans:\n  workflow: .github/workflows/plan.yml\n  roots: [{ path: "stacks\\\\prod" }]\n',
      '3:19 plans.roots[0].path "stacks\\prod" must separate directories with "/" (line 3, column 19)',
    ],
    [
      'two roots with one plan file',
      'plans:\n  workflow: .github/workflows/plan.yml\n  roots:\n    - path: a/b\n    - path: a__b\n',
      '5:13 plans.roots[1].path "a__b" has the same plan file (a__b.json) as plans.roots[0]; list each root once (line 5, column 13)',
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(errorsOf(yaml)).toEqual([expected]);
  });
});

describe("a root's plan file in the artifact", () => {
  it.each([
    ['stacks/prod', 'stacks__prod.json'],
    ['envs/eu/prod', 'envs__eu__prod.json'],
    ['network', 'network.json'],
    ['.', 'root.json'],
  ])('%s → %s', (root, file) => {
    expect(planFileName(root)).toBe(file);
  });
});
