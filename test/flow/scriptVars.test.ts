import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import {
  isEnvironmentVariablesPath,
  isScriptPath,
  mayExportVariables,
} from '../../src/terraform/configurationFiles.js';
import { throughReach } from '../change/reachSupport.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';
import { sshSecurityGroup } from '../support/terraformSamples.js';

/*
 * A script or Makefile that runs Terraform sets variables with `-var` and `TF_VAR_`, as a
 * pipeline does. A repository has many scripts and the app reads one only when it changes, so a
 * script sets variables where it changes: judged where they land, as a workflow's are.
 */

describe('scripts and Makefiles, by path', () => {
  it.each([
    ['Makefile', true],
    ['stacks/prod/Makefile', true],
    ['GNUmakefile', true],
    ['make/terraform.mk', true],
    ['justfile', true],
    ['scripts/apply.sh', true],
    ['scripts/apply.bash', true],
    ['scripts/apply.py', false],
    ['docs/apply.md', false],
  ])('%s: %s', (path, script) => {
    expect(isScriptPath(path)).toBe(script);
    expect(mayExportVariables(path)).toBe(script);
    // Not read with every change as an environment file is: only where it changes.
    expect(isEnvironmentVariablesPath(path)).toBe(false);
  });
});

describe('a changed script or Makefile, judged where the variables it sets land', () => {
  const classify = (base: Files, head: Files, through: 'whole trees' | 'the cut' = 'whole trees') =>
    classifyChangeSet(
      through === 'whole trees' ? buildChangeSet(tree(base), tree(head)) : throughReach(tree(base), tree(head)),
      defaultPolicy(),
    );
  // a bastion group whose SSH ingress reads var.ssh_cidrs, by default ["10.0.0.0/8"]
  const stack = (extra: Files) => ({
    'stacks/app/main.tf': sshSecurityGroup(['10.0.0.0/8']),
    'stacks/other/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
    ...extra,
  });

  it.each<[string, string, (cidr: string) => string]>([
    [
      "a Makefile's -var",
      'Makefile',
      (cidr) => `apply:\n\tterraform -chdir=stacks/app apply -auto-approve -var 'ssh_cidrs=["${cidr}"]'\n`,
    ],
    [
      "a script's export TF_VAR_",
      'scripts/apply.sh',
      (cidr) => `#!/bin/sh\nexport TF_VAR_ssh_cidrs='["${cidr}"]'\nterraform -chdir=stacks/app apply -auto-approve\n`,
    ],
    [
      "a script's -var=",
      'scripts/apply.sh',
      (cidr) => `#!/bin/sh\nterraform -chdir=stacks/app apply -var='ssh_cidrs=["${cidr}"]'\n`,
    ],
    ["a justfile's -var", 'justfile', (cidr) => `apply:\n    terraform apply -var 'ssh_cidrs=["${cidr}"]'\n`],
    [
      "the Makefile of another root's directory (it may run any root)",
      'stacks/other/Makefile',
      (cidr) => `apply:\n\tterraform -chdir=../app apply -var 'ssh_cidrs=["${cidr}"]'\n`,
    ],
  ])(
    '%s opening SSH to the world: critical, reached from its line (before: none, or ci-run-file alone)',
    (_case, path, file) => {
      for (const through of ['whole trees', 'the cut'] as const) {
        const result = classify(stack({ [path]: file('10.1.0.0/16') }), stack({ [path]: file('0.0.0.0/0') }), through);
        const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
        expect(open?.tier, through).toBe('critical');
        expect(
          open?.via?.some((trace) => trace.startsWith(`${path}:`) && trace.includes('var.ssh_cidrs')),
          through,
        ).toBe(true);
      }
    },
  );

  it('a new script that sets the variable: critical', () => {
    const script = `#!/bin/sh\nexport TF_VAR_ssh_cidrs='["0.0.0.0/0"]'\n`;
    expect(classify(stack({}), stack({ 'scripts/apply.sh': script })).tier).toBe('critical');
  });

  it('a value the shell fills in is kept as its text, so turning a literal into one is a change where the variable lands', () => {
    const script = (value: string) => `#!/bin/sh\nexport TF_VAR_ssh_cidrs=${value}\n`;
    const result = classify(
      stack({ 'scripts/apply.sh': script(`'["10.0.0.0/8"]'`) }),
      stack({ 'scripts/apply.sh': script('"$(curl -s https://example.com/cidrs)"') }),
    );
    expect(result.findings.find((f) => f.ruleId === 'network.aws.security-group')?.tier).toBe('high');
  });

  it('quiet guard: a changed script that sets no variable changes nothing in the configuration', () => {
    const script = (message: string) => `#!/bin/sh\necho ${message}\n`;
    expect(
      classify(stack({ 'scripts/hello.sh': script('a') }), stack({ 'scripts/hello.sh': script('b') })).findings,
    ).toEqual([]);
  });

  it('quiet guard: an unchanged script is not read for values (the app reads scripts only where they change)', () => {
    const script = { 'scripts/apply.sh': `#!/bin/sh\nexport TF_VAR_ssh_cidrs='["0.0.0.0/0"]'\n` };
    const base = stack(script);
    const head = stack({ ...script, 'stacks/app/tags.tf': 'locals {\n  team = "ops"\n}\n' });
    expect(classify(base, head).findings.map((f) => f.ruleId)).not.toContain('network.aws.security-group-open-world');
  });
});
