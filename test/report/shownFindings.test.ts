import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/classify/classify.js';
import { checkRunOutput } from '../../src/github/checkRunOutput.js';
import { decisionMarkdown } from '../../src/report/decisionMarkdown.js';
import { decisionText } from '../../src/report/decisionText.js';
import { findingRoutes } from '../../src/report/findingRoutes.js';
import { shownFindings, valuesText } from '../../src/report/shownFindings.js';
import { classification, facts, finding, run } from '../policy/support.js';

/** One object's finding, reached from a changed module, under the values of `varFile` (none: the auto-loaded ones). */
const underValues = (varFile: string | undefined, overrides: Partial<Finding> = {}): Finding =>
  finding('high', {
    module: 'modules/alert',
    address: 'azurerm_monitor_activity_log_alert.a',
    via: ['modules/alert/main.tf:3 scopes → azurerm_monitor_activity_log_alert.a scopes'],
    instances: ['examples: module.example.module.alert.azurerm_monitor_activity_log_alert.a'],
    valueDigest: `digest of ${varFile ?? 'auto'}`,
    ...(varFile ? { varFile } : {}),
    ...overrides,
  });

const shape = (findings: Finding[]) =>
  shownFindings(findings).map((f) => [f.tier, f.ruleId, f.varFile ?? null, f.varFiles ?? null]);

describe('shownFindings: one row for the same finding under several var files', () => {
  it.each([
    {
      name: 'the same finding under the auto-loaded values and two var files is one row naming all three, in place of the first',
      findings: [underValues(undefined), underValues('a.tfvars'), underValues('b.tfvars')],
      rows: [['high', 'identity.aws.iam', null, [null, 'a.tfvars', 'b.tfvars']]],
    },
    {
      name: 'a finding made under one var file alone keeps its var file and names no list',
      findings: [underValues('a.tfvars')],
      rows: [['high', 'identity.aws.iam', 'a.tfvars', null]],
    },
    {
      name: 'a different tier is another row',
      findings: [underValues(undefined), underValues('a.tfvars', { tier: 'critical' })],
      rows: [
        ['high', 'identity.aws.iam', null, null],
        ['critical', 'identity.aws.iam', 'a.tfvars', null],
      ],
    },
    {
      name: 'a rationale that says something else (what a grant adds under these values) is another row',
      findings: [underValues(undefined), underValues('a.tfvars', { rationale: 'changes IAM. What it adds: iam:*.' })],
      rows: [
        ['high', 'identity.aws.iam', null, null],
        ['high', 'identity.aws.iam', 'a.tfvars', null],
      ],
    },
    {
      name: 'another route, or other changed paths, is another row',
      findings: [
        underValues(undefined),
        underValues('a.tfvars', {
          via: ['terraform.tfvars:1 x → var.x → azurerm_monitor_activity_log_alert.a scopes'],
        }),
        underValues('b.tfvars', { changedPaths: ['scopes', 'name'] }),
      ],
      rows: [
        ['high', 'identity.aws.iam', null, null],
        ['high', 'identity.aws.iam', 'a.tfvars', null],
        ['high', 'identity.aws.iam', 'b.tfvars', null],
      ],
    },
    {
      name: 'the rows between keep their order',
      findings: [
        underValues(undefined),
        finding('low', { address: 'aws_s3_bucket.logs', ruleId: 'default' }),
        underValues('a.tfvars'),
      ],
      rows: [
        ['high', 'identity.aws.iam', null, [null, 'a.tfvars']],
        ['low', 'default', null, null],
      ],
    },
  ])('$name', ({ findings, rows }) => {
    expect(shape(findings)).toEqual(rows);
  });

  it('says which values each row holds under, naming five var files and counting the rest', () => {
    const [row] = shownFindings([underValues(undefined), underValues('a.tfvars')]);
    expect(findingRoutes(row!)).toContain(
      'the same with the values of each of: the auto-loaded values alone, a.tfvars',
    );
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `${name}.tfvars`);
    expect(valuesText([null, ...many])).toBe(
      'the auto-loaded values alone, a.tfvars, b.tfvars, c.tfvars, d.tfvars and 3 more var files',
    );
    expect(valuesText(many.slice(0, 6))).toBe('a.tfvars, b.tfvars, c.tfvars, d.tfvars, e.tfvars, f.tfvars');
  });

  it('the check run, the Markdown and the text reports show one row; the decision keeps every finding', () => {
    const findings = [underValues(undefined), underValues('a.tfvars'), underValues('b.tfvars')];
    const decision = run(facts(), classification(...findings));
    expect(decision.findings).toHaveLength(3);
    const rows = (text: string) =>
      text.split('\n').filter((line) => line.includes('azurerm_monitor_activity_log_alert.a'));
    const markdownRows = rows(decisionMarkdown(decision)).filter((line) => line.startsWith('| high'));
    expect(markdownRows).toHaveLength(1);
    expect(markdownRows[0]).toContain(
      'the same with the values of each of: the auto-loaded values alone, a.tfvars, b.tfvars',
    );
    expect(rows(decisionText(decision)).filter((line) => line.startsWith('high'))).toHaveLength(1);
    const output = checkRunOutput(decision, {
      repositoryUrl: 'https://github.com/acme/infra',
      proposedPolicyErrors: [],
      basePolicyErrors: null,
    });
    const onTheObject = output.annotations.filter((a) => a.path === 'main.tf');
    expect(onTheObject).toHaveLength(1);
    expect(onTheObject[0]!.message).toContain('a.tfvars, b.tfvars');
  });
});
