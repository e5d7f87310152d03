import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXAMPLE_BASE, EXAMPLE_HEAD, expectUsageError, FIXTURES } from './support.js';

const QUEUE = `${FIXTURES}/classify/queue`;
const POLICIES = `${FIXTURES}/policies`;
const DIFF_CASES = `${FIXTURES}/diff`;
const classify = (base: string, head: string, ...options: string[]) =>
  runCli(['classify', '--base', base, '--head', head, ...options]);

interface Output {
  tier: string;
  policy: string;
  findings: {
    tier: string;
    action: string;
    module: string;
    address: string;
    ruleId: string;
    file: string;
    line: number;
  }[];
}

/** tier, action, address, rule, file:line: what a reviewer reads first. */
function summary(stdout: string) {
  const output = JSON.parse(stdout) as Output;
  return {
    tier: output.tier,
    policy: output.policy,
    findings: output.findings.map((f) => [
      f.tier,
      f.action,
      (f.module && f.module !== '.' ? f.module + ': ' : '') + f.address,
      f.ruleId,
      `${f.file}:${f.line}`,
    ]),
  };
}

describe('the example pull request (examples/iam-change) with the built-in catalog', () => {
  it('is critical: a wildcard IAM resource and SSH open to the world; the role renamed by a moved block only moves in state', () => {
    const result = classify(EXAMPLE_BASE, EXAMPLE_HEAD);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBeUndefined();
    expect(summary(result.stdout)).toEqual({
      tier: 'critical',
      policy: 'built-in defaults',
      findings: [
        ['critical', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.privilege-escalation', 'main.tf:45'],
        ['critical', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.wildcard-resource', 'main.tf:45'],
        [
          'critical',
          'create',
          'aws_security_group_rule.deploy_ssh',
          'network.aws.security-group-open-world',
          'main.tf:64',
        ],
        ['high', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.iam', 'main.tf:42'],
        ['high', 'update', 'aws_s3_bucket.artifacts', 'destruction.terraform.prevent-destroy-changed', 'main.tf:55'],
        ['high', 'create', 'aws_security_group_rule.deploy_ssh', 'network.aws.security-group', 'main.tf:59'],
        ['low', 'move', 'aws_iam_role.deployer', 'moved-unchanged', 'main.tf:21'],
        ['low', 'create', 'moved.aws_iam_role.ci', 'default', 'main.tf:27'],
        ['low', 'create', 'var.runner_security_group_id', 'default', 'variables.tf:10'],
      ],
    });
  });

  it('--format text starts with the overall tier and the policy, then the findings sorted by tier', () => {
    const lines = classify(EXAMPLE_BASE, EXAMPLE_HEAD, '--format', 'text').stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Overall tier: critical  (policy: built-in defaults)',
      '',
      'TIER      ACTION  ADDRESS                             RULE                                           LOCATION         RATIONALE',
    ]);
    expect(lines.slice(3, -1).map((line) => line.split(/ {2,}/).slice(0, 5))).toEqual([
      ['critical', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.privilege-escalation', 'main.tf:45'],
      ['critical', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.wildcard-resource', 'main.tf:45'],
      [
        'critical',
        'create',
        'aws_security_group_rule.deploy_ssh',
        'network.aws.security-group-open-world',
        'main.tf:64',
      ],
      ['high', 'update', 'aws_iam_role_policy.ci_read', 'identity.aws.iam', 'main.tf:42'],
      ['high', 'update', 'aws_s3_bucket.artifacts', 'destruction.terraform.prevent-destroy-changed', 'main.tf:55'],
      ['high', 'create', 'aws_security_group_rule.deploy_ssh', 'network.aws.security-group', 'main.tf:59'],
      ['low', 'move', 'aws_iam_role.deployer', 'moved-unchanged', 'main.tf:21'],
      ['low', 'create', 'moved.aws_iam_role.ci', 'default', 'main.tf:27'],
      ['low', 'create', 'var.runner_security_group_id', 'default', 'variables.tf:10'],
    ]);
    expect(lines.at(-1)).toBe('');
  });
});

describe('the policy that judges the change', () => {
  it("is the base tree's .github/four-eyes.yml, not the head's; changing it is critical", () => {
    const result = classify(`${QUEUE}/base`, `${QUEUE}/head`);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual({
      tier: 'critical',
      policy: `${QUEUE}/base/.github/four-eyes.yml`,
      findings: [
        {
          module: '',
          address: '.github/four-eyes.yml',
          kind: 'file',
          action: 'modified',
          tier: 'critical',
          ruleId: 'repository.four-eyes.policy-file',
          rationale:
            'Changes the Four Eyes policy: the rules that decide which approvals every later pull request needs.',
          file: '.github/four-eyes.yml',
          line: 1,
          changedPaths: [],
        },
        {
          module: '.',
          address: 'aws_sqs_queue.jobs',
          kind: 'resource',
          action: 'update',
          tier: 'medium',
          ruleId: 'acme.queues',
          rationale: 'Queues carry customer jobs; a platform engineer reviews every change.',
          file: 'main.tf',
          line: 1,
          changedPaths: ['message_retention_seconds'],
          valueDigest: expect.any(String),
        },
      ],
      warnings: [],
    });
  });

  it('--format text', () => {
    expect(classify(`${QUEUE}/base`, `${QUEUE}/head`, '--format', 'text').stdout).toBe(
      [
        'Overall tier: critical  (policy: test/fixtures/cli/classify/queue/base/.github/four-eyes.yml)',
        '',
        'TIER      ACTION    ADDRESS                RULE                              LOCATION                 RATIONALE',
        'critical  modified  .github/four-eyes.yml  repository.four-eyes.policy-file  .github/four-eyes.yml:1  Changes the Four Eyes policy: the rules that decide which approvals every later pull request needs.',
        'medium    update    aws_sqs_queue.jobs     acme.queues                       main.tf:1                Queues carry customer jobs; a platform engineer reviews every change.',
        '',
      ].join('\n'),
    );
  });

  it('is --config when given; a rule matching a changed attribute points at that attribute', () => {
    const result = classify(`${QUEUE}/base`, `${QUEUE}/head`, '--config', `${POLICIES}/queues-high.yml`);
    expect(summary(result.stdout)).toEqual({
      tier: 'critical',
      policy: `${POLICIES}/queues-high.yml`,
      findings: [
        [
          'critical',
          'modified',
          '.github/four-eyes.yml',
          'repository.four-eyes.policy-file',
          '.github/four-eyes.yml:1',
        ],
        ['high', 'update', 'aws_sqs_queue.jobs', 'acme.queues', 'main.tf:3'],
      ],
    });
  });

  it('an invalid policy classifies nothing: every error with its position, exit 1', () => {
    const policy = `${POLICIES}/invalid.yml`;
    expect(classify(`${QUEUE}/base`, `${QUEUE}/head`, '--config', policy)).toEqual({
      stdout: [
        `${policy}:2:1: chek_name is not a known key; did you mean "check_name"? (allowed here: _extends, version, check_name, tiers, distinct, retain_approvals, deployers, identities, rules, catalog, owners_from_codeowners, exceptions, break_glass, owners, execution, notifications, plans) (line 2, column 1)`,
        `${policy}:5:16: tiers.high.approvals must be an integer ≥ 0, got "two" (line 5, column 16)`,
        `${policy}:8:11: rules[0].tier must be one of "low", "medium", "high", "critical", got "severe" (line 8, column 11)`,
        '',
      ].join('\n'),
      stderr: `four-eyes: the policy ${policy} is invalid; nothing can be classified until it is fixed\n`,
      exitCode: 1,
    });
  });
});

describe('files Terraform and OpenTofu read besides .tf', () => {
  const OPENTOFU = `${FIXTURES}/classify/opentofu`;
  const BACKEND_CONFIG = `${FIXTURES}/classify/backend-config`;

  it('an IAM admin attachment added in admin.tofu is rated like the same in admin.tf', () => {
    const asTf = summary(classify(`${OPENTOFU}/base`, `${OPENTOFU}/head-tf`).stdout);
    const asTofu = summary(classify(`${OPENTOFU}/base`, `${OPENTOFU}/head-tofu`).stdout);
    expect(asTofu).toEqual({
      tier: 'critical',
      policy: 'built-in defaults',
      findings: [
        [
          'critical',
          'create',
          'aws_iam_user_policy_attachment.admin',
          'identity.aws.admin-managed-policy',
          'admin.tofu:3',
        ],
        ['high', 'create', 'aws_iam_user_policy_attachment.admin', 'identity.aws.iam', 'admin.tofu:1'],
      ],
    });
    expect(asTofu.tier).toBe(asTf.tier);
    expect(asTofu.findings.map(([tier, action, address, ruleId]) => [tier, action, address, ruleId])).toEqual(
      asTf.findings.map(([tier, action, address, ruleId]) => [tier, action, address, ruleId]),
    );
  });

  it('a changed prod.tfbackend is critical: it decides where state is stored', () => {
    expect(summary(classify(`${BACKEND_CONFIG}/base`, `${BACKEND_CONFIG}/head`).stdout)).toEqual({
      tier: 'critical',
      policy: 'built-in defaults',
      findings: [
        [
          'critical',
          'modified',
          'prod.tfbackend',
          'terraform-control.terraform.backend-config-file',
          'prod.tfbackend:1',
        ],
      ],
    });
  });
});

describe('what cannot be classified is critical', () => {
  it('a head file that does not parse', () => {
    expect(summary(classify(`${DIFF_CASES}/unparsed/base`, `${DIFF_CASES}/unparsed/head`).stdout).findings).toEqual([
      ['critical', 'unparseable', 'main.tf', 'unparseable', 'main.tf:3'],
      ['high', 'update', 'aws_iam_role.ci', 'identity.aws.iam', 'iam.tf:1'],
    ]);
  });

  it('a head revision Terraform would reject', () => {
    const output = JSON.parse(
      classify(`${DIFF_CASES}/head-problem/base`, `${DIFF_CASES}/head-problem/head`).stdout,
    ) as Output & { findings: { rationale: string }[] };
    expect(output.tier).toBe('critical');
    expect(output.findings[0]).toStrictEqual({
      module: '.',
      address: 'aws_iam_role.ci',
      kind: 'problem',
      action: 'invalid',
      tier: 'critical',
      ruleId: 'invalid-configuration',
      rationale:
        'aws_iam_role.ci is defined 2 times in module . (copy.tf:1, main.tf:1); Terraform rejects duplicates; Terraform would reject this configuration, so what it does cannot be classified',
      file: 'copy.tf',
      line: 1,
      changedPaths: [],
    });
  });
});

describe("old problems out of the change's reach", () => {
  const base = `${DIFF_CASES}/old-problem/base`;
  const head = `${DIFF_CASES}/old-problem/head`;
  it('are warnings in the JSON output, not findings', () => {
    const output = JSON.parse(classify(base, head).stdout) as Output & { warnings: unknown[] };
    expect(output.tier).toBe('low');
    expect(output.findings.map((f) => f.ruleId)).toEqual(['default']);
    expect(output.warnings).toStrictEqual([
      {
        ruleId: 'invalid-configuration',
        module: 'legacy',
        file: 'legacy/a.tf',
        line: 1,
        message:
          'aws_s3_bucket.b is defined 2 times in module legacy (legacy/a.tf:1, legacy/b.tf:1); Terraform rejects duplicates',
      },
    ]);
  });

  it('are listed after the findings in the text output', () => {
    const text = classify(base, head, '--format', 'text').stdout;
    expect(text).toContain(
      '\nWarnings (already at the base, unchanged, in modules this change neither touches nor reaches; not rated):\n' +
        '  - legacy/a.tf:1 (invalid-configuration, module legacy): aws_s3_bucket.b is defined 2 times in module legacy',
    );
  });
});

describe('no change', () => {
  it('formatting-only edits are tier none with no findings', () => {
    const base = `${DIFF_CASES}/formatting/base`;
    const head = `${DIFF_CASES}/formatting/head`;
    expect(JSON.parse(classify(base, head).stdout)).toStrictEqual({
      tier: 'none',
      policy: 'built-in defaults',
      findings: [],
      warnings: [],
    });
    expect(classify(base, head, '--format', 'text')).toEqual({
      stdout: 'Overall tier: none  (policy: built-in defaults)\n\nNo changes to classify.\n',
      exitCode: 0,
    });
  });
});

describe('usage errors', () => {
  it.each([
    [['classify'], 'four-eyes: classify: --base <dir> is required\n'],
    [['classify', '--base', `${QUEUE}/base`], 'four-eyes: classify: --head <dir> is required\n'],
    [
      ['classify', '--base', `${QUEUE}/missing`, '--head', `${QUEUE}/head`],
      `four-eyes: no such file or directory: ${QUEUE}/missing\n`,
    ],
    // a directory is not a policy file
    [
      ['classify', '--base', `${QUEUE}/base`, '--head', `${QUEUE}/head`, '--config', POLICIES],
      `four-eyes: cannot read the policy file ${POLICIES}\n`,
    ],
    [
      ['classify', '--base', `${QUEUE}/base`, '--head', `${QUEUE}/head`, '--config', `${POLICIES}/missing.yml`],
      `four-eyes: cannot read the policy file ${POLICIES}/missing.yml\n`,
    ],
    [
      ['classify', '--base', `${QUEUE}/base`, '--head', `${QUEUE}/head`, '--format', 'markdown'],
      'four-eyes: classify: --format must be one of json, text, got "markdown"\n',
    ],
    [
      ['classify', '--base', `${QUEUE}/base`, '--head', `${QUEUE}/head`, '--facts', 'x.json'],
      "four-eyes: classify: Unknown option '--facts' (see four-eyes classify --help)\n",
    ],
  ])('%j', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });

  it('--help', () => {
    expect(runCli(['classify', '--help'])).toEqual({
      stdout: `Usage: four-eyes classify --base <dir> --head <dir> [--plan [<root>=]<plan.json> ...] [--config <file>] [--format json|text]
       four-eyes classify --plan <plan.json> [--plan ...] [--config <file>] [--format json|text]

Classifies every changed Terraform object (and changed files such as CODEOWNERS or workflows)
by impact: critical > high > medium > low > none, each finding with its rule and rationale.
With --plan (the output of \`terraform show -json plan.tfplan\`, repeatable), the plan's changes
are judged too, by the same rules; the higher tier wins per object. \`stacks/prod=plan.json\`
says which root the plan was made in (else it is guessed from the head); its findings then point
at the code. Each judged plan is printed with its digest (see \`four-eyes plan-digest\`).
The policy is --config, else <base>/.github/four-eyes.yml, else the built-in defaults.
JSON is indented on a terminal, compact otherwise (--pretty indents it anyway).
Exit code 0 when classified; 1 when the policy is invalid or a plan cannot be read (fail
closed); 2 on bad usage.
`,
      exitCode: 0,
    });
  });
});
