import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = ['--base', join(ROOT, 'examples/iam-change/base'), '--head', join(ROOT, 'examples/iam-change/head')];

/** A temporary tree: path → content. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'four-eyes-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('usage errors are one line and exit 2', () => {
  const missing = join(tmpdir(), 'four-eyes-no-such-dir');
  it.each([
    [['bogus'], 'four-eyes: unknown command "bogus"; expected one of inventory, diff, classify, evaluate, validate-config, catalog\n'],
    [['diff', '--head', '.'], 'four-eyes: diff: --base <dir> is required\n'],
    [['diff', '--base', '.', '--head', '.', '--colour'], "four-eyes: diff: Unknown option '--colour' (see four-eyes diff --help)\n"],
    [['diff', '--base', missing, '--head', '.'], `four-eyes: no such file or directory: ${missing}\n`],
    [['inventory'], 'four-eyes: inventory: give at least one file or directory\n'],
    [['inventory', '.', '--format', 'yaml'], 'four-eyes: inventory: --format must be one of json, text, got "yaml"\n'],
    [['validate-config'], 'four-eyes: validate-config: give exactly one policy file\n'],
    [['catalog', 'extra'], 'four-eyes: catalog takes no arguments, got "extra"\n'],
  ])('%j', (argv, stderr) => {
    const result = runCli(argv);
    expect(result).toMatchObject({ stdout: '', exitCode: 2 });
    expect(result.stderr).toBe(stderr);
    expect(result.stderr!.trim().split('\n')).toHaveLength(1);
  });

  it('without a command it prints the usage and exits 2; --help exits 0', () => {
    expect(runCli([])).toMatchObject({ exitCode: 2 });
    expect(runCli(['--help']).stdout).toContain('Usage: four-eyes <command>');
    for (const command of ['inventory', 'diff', 'classify', 'evaluate', 'validate-config', 'catalog']) {
      expect(runCli([command, '--help'])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining(`Usage: four-eyes ${command}`) });
    }
  });
});

describe('diff', () => {
  it('gives the change set of the example pull request', () => {
    const result = runCli(['diff', ...EXAMPLE, '--format', 'text']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe([
      'ACTION  ADDRESS                             LOCATION         DETAIL',
      'move    aws_iam_role.deployer               main.tf:21       from aws_iam_role.ci',
      'update  aws_iam_role_policy.ci_read         main.tf:42       policy, role',
      'update  aws_s3_bucket.artifacts             main.tf:55       lifecycle.prevent_destroy',
      'create  aws_security_group_rule.deploy_ssh  main.tf:59',
      'create  moved.aws_iam_role.ci               main.tf:27',
      'create  var.runner_security_group_id        variables.tf:10',
      '',
    ].join('\n'));
  });

  it('prints JSON by default, and fails closed on a file that does not parse', () => {
    const base = tree({ 'main.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    const head = tree({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n' });
    const result = runCli(['diff', '--base', base, '--head', head]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("four-eyes: 1 Terraform file(s) do not parse; their changes cannot be known\n");
    const json = JSON.parse(result.stdout) as { changes: unknown[]; unparsed: { side: string; path: string; diagnostics: { message: string; range: unknown }[] }[] };
    expect(json.changes).toEqual([]);
    expect(json.unparsed).toEqual([{
      side: 'head', path: 'main.tf',
      diagnostics: [{ severity: 'error', message: 'expected an expression, found a new line', range: { start: { line: 2, column: 12 }, end: { line: 2, column: 12 } } }],
    }]);
  });
});

describe('inventory', () => {
  it('lists blocks with positions and the objects they define', () => {
    const dir = tree({ 'main.tf': 'resource "aws_iam_role" "ci" {\n  name = "ci"\n}\n', 'mod/vars.tf': 'variable "region" {}\n' });
    const result = runCli(['inventory', dir]);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as { files: unknown[]; objects: unknown[] };
    expect(json.files[0]).toEqual({
      path: `${dir}/main.tf`, syntax: 'hcl', diagnostics: [],
      blocks: [{
        type: 'resource', labels: ['aws_iam_role', 'ci'],
        range: { start: { line: 1, column: 1 }, end: { line: 3, column: 2 } },
        attributes: [{ name: 'name', range: { start: { line: 2, column: 3 }, end: { line: 2, column: 14 } }, text: '"ci"' }],
        blocks: [],
      }],
    });
    expect(json.objects).toEqual([
      { kind: 'resource', module: dir, address: 'aws_iam_role.ci', file: `${dir}/main.tf`, range: { start: { line: 1, column: 1 }, end: { line: 3, column: 2 } } },
      { kind: 'variable', module: `${dir}/mod`, address: 'var.region', file: `${dir}/mod/vars.tf`, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 21 } } },
    ]);
  });

  it('text format lists objects and diagnostics; a syntax error exits 1', () => {
    const dir = tree({ 'bad.tf': 'resource "x" {\n' });
    const result = runCli(['inventory', dir, '--format', 'text']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(`ADDRESS  KIND  LOCATION\n${dir}/bad.tf:1:1: error: block "resource x" is never closed: add "}"\n`);
  });
});

describe('classify and validate-config', () => {
  it('classifies the example as critical with the built-in catalog', () => {
    const result = runCli(['classify', ...EXAMPLE]);
    const json = JSON.parse(result.stdout) as { tier: string; policy: string; findings: { address: string; ruleId: string; tier: string }[] };
    expect(result.exitCode).toBe(0);
    expect(json.tier).toBe('critical');
    expect(json.policy).toBe('built-in defaults');
    expect(json.findings.slice(0, 2).map((f) => [f.address, f.ruleId, f.tier])).toEqual([
      ['aws_iam_role_policy.ci_read', 'identity.aws.wildcard-resource', 'critical'],
      ['aws_security_group_rule.deploy_ssh', 'network.aws.security-group-open-world', 'critical'],
    ]);
  });

  it('an invalid policy classifies nothing and exits 1', () => {
    const policy = tree({ 'p.yml': 'tiers:\n  high:\n    approvals: two\n' });
    const result = runCli(['classify', ...EXAMPLE, '--config', join(policy, 'p.yml')]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(`${join(policy, 'p.yml')}:3:16: tiers.high.approvals must be an integer ≥ 0, got "two" (line 3, column 16)\n`);
  });

  it('validate-config accepts the example policy', () => {
    expect(runCli(['validate-config', join(ROOT, 'examples/four-eyes.yml')])).toMatchObject({ exitCode: 0, stdout: `${join(ROOT, 'examples/four-eyes.yml')}: valid\n` });
  });
});

describe('the installed command', () => {
  it('runs the README main job and fails with one line on a bad command', () => {
    const bin = join(ROOT, 'bin/four-eyes.js');
    const ok = spawnSync(process.execPath, [bin, 'diff', ...EXAMPLE, '--format', 'text'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[1]).toBe('move    aws_iam_role.deployer               main.tf:21       from aws_iam_role.ci');
    const bad = spawnSync(process.execPath, [bin, 'bogus'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
