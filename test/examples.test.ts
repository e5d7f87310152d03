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

describe('examples/workflows/terraform-plan.yml', () => {
  const workflow = parse(read('examples/workflows/terraform-plan.yml')) as {
    on: Record<string, unknown>;
    jobs: { plan: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } };
  };
  const steps = workflow.jobs.plan.steps;

  it('is the workflow examples/four-eyes.yml reads plans from', () => {
    const policy = loadPolicy(read('examples/four-eyes.yml'), BUILTIN_RULE_IDS).policy!;
    expect(policy.plans?.workflow).toBe('.github/workflows/terraform-plan.yml');
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.name).toBe(policy.plans?.artifact);
  });

  it('runs on pull_request (not pull_request_target), at the head commit, and writes plain JSON per root', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.pull_request.head.sha }}');
    const setup = steps.find((step) => step.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setup?.with?.terraform_wrapper).toBe(false);
    const plan = steps.find((step) => step.run?.includes('show -json'));
    expect(plan?.run).toContain('name="${root//\\//__}.json"');
    expect(plan?.run).toContain('name=root.json');
  });
});
