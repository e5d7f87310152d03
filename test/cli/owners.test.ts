import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/classify/catalog/index.js';
import { runCli } from '../../src/cli/main.js';
import type { Decision } from '../../src/policy/decision.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { EXAMPLE_BASE, EXAMPLE_HEAD, FIXTURES } from './support.js';

const POLICIES = `${FIXTURES}/policies`;

const OWNED_POLICY = `version: 1
owners_from_codeowners: true
tiers:
  critical: { approvals: 1, owner_approval: true }
  high: { approvals: 1, owner_approval: true }
catalog:
  owners:
    - rules: ["network.*"]
      owner: { teams: [acme/network] }
`;

/** The IAM example with a policy and a CODEOWNERS file on both sides (the change leaves them alone). */
function exampleWithOwners(codeowners: string): { base: string; head: string } {
  const dir = scratchDirectory('four-eyes-owners');
  for (const [side, source] of [
    ['base', EXAMPLE_BASE],
    ['head', EXAMPLE_HEAD],
  ] as const) {
    cpSync(source, join(dir, side), { recursive: true });
    mkdirSync(join(dir, side, '.github'));
    writeFileSync(join(dir, side, '.github/four-eyes.yml'), OWNED_POLICY);
    writeFileSync(join(dir, side, '.github/CODEOWNERS'), codeowners);
  }
  return { base: join(dir, 'base'), head: join(dir, 'head') };
}

function evaluate(dirs: { base: string; head: string }, format: string) {
  return runCli([
    'evaluate',
    '--base',
    dirs.base,
    '--head',
    dirs.head,
    '--facts',
    'examples/iam-change/facts.json',
    '--now',
    '2026-11-23T12:00:00Z',
    '--format',
    format,
  ]);
}

describe('evaluate with owners: the base directory’s CODEOWNERS judges the change', () => {
  const dirs = exampleWithOwners('* @acme/platform\nmain.tf @acme/security\n');

  it('JSON: each finding with its owners, where they come from, and who approved for them', () => {
    const decision = JSON.parse(evaluate(dirs, 'json').stdout) as Decision;
    const ssh = decision.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect(ssh.owners).toEqual([
      { users: [], teams: ['acme/network'], source: 'catalog.owners[0]', required: true, approvedBy: null },
      { users: [], teams: ['acme/security'], source: '.github/CODEOWNERS:2', required: true, approvedBy: 'dave' },
    ]);
    expect(decision.findings.find((f) => f.file === 'variables.tf')!.owners).toEqual([
      { users: [], teams: ['acme/platform'], source: '.github/CODEOWNERS:1', required: false, approvedBy: null },
    ]);
    expect(decision.requirements.map((r) => [r.name, r.satisfiedBy])).toEqual([
      ['independent approval', []],
      ['owner approval: acme/security', ['dave']],
      ['owner approval: acme/network', []],
    ]);
    expect(decision.conclusion).toBe('action_required');
  });

  it('text: an OWNER column, and whom to ask for each owner', () => {
    const { stdout } = evaluate(dirs, 'text');
    expect(stdout).toMatch(/^TIER +ACTION +ADDRESS +RULE +LOCATION +OWNER +RATIONALE$/m);
    expect(stdout).toMatch(/main\.tf:64 +acme\/network \(needed\); acme\/security \(approved by dave\) +Opens ingress/);
    expect(stdout).toContain(
      '  - Get 1 more approval for "owner approval: acme/network" (the owner of aws_security_group_rule.deploy_ssh) from a member of acme/network with write access',
    );
  });

  it('Markdown: an Owner column in the findings table', () => {
    const { stdout } = evaluate(dirs, 'markdown');
    expect(stdout).toContain('| Tier | Action | Address | Rule | Where | Owner | Why |');
    expect(stdout).toContain('| main.tf:64 | acme/network ⏳; acme/security ✅ @dave |');
  });
});

describe('evaluate --repo with owners: the base commit’s CODEOWNERS, not the branch’s', () => {
  it('a branch that rewrites CODEOWNERS is still owned by the base’s owners, and its change is a high finding', () => {
    const repo = scratchDirectory('four-eyes-owners-repo');
    const git = (args: string[]) => {
      const env = { GIT_AUTHOR_NAME: 'Alice', GIT_AUTHOR_EMAIL: 'alice@acme.example' };
      const r = spawnSync('git', ['-C', repo, '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_CONFIG_NOSYSTEM: '1',
          ...env,
          GIT_COMMITTER_NAME: 'Alice',
          GIT_COMMITTER_EMAIL: 'alice@acme.example',
        },
      });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    git(['init', '-q']);
    mkdirSync(join(repo, '.github'));
    writeFileSync(join(repo, '.github/four-eyes.yml'), OWNED_POLICY);
    writeFileSync(join(repo, '.github/CODEOWNERS'), '* @acme/security\n');
    writeFileSync(join(repo, 'main.tf'), 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base']);
    git(['checkout', '-q', '-b', 'feature']);
    writeFileSync(join(repo, '.github/CODEOWNERS'), '* @alice\n');
    git(['commit', '-q', '-am', 'own everything']);
    const result = runCli([
      'evaluate',
      '--repo',
      repo,
      '--base',
      'main',
      '--head',
      'feature',
      '--now',
      '2026-11-23T12:00:00Z',
    ]);
    const decision = JSON.parse(result.stdout) as Decision;
    expect(
      decision.findings.map((f) => [f.ruleId, f.tier, f.owners?.map((o) => [o.teams, o.users, o.source])]),
    ).toEqual([['repository.github.codeowners', 'high', [[['acme/security'], [], '.github/CODEOWNERS:1']]]]);
    expect(decision.requirements.map((r) => r.name)).toEqual(['independent approval', 'owner approval: acme/security']);
  });
});

describe('four-eyes catalog --owners', () => {
  it("text: every rule in force with its findings' owner, and how many high or critical have none", () => {
    const result = runCli(['catalog', '--owners', '--config', `${POLICIES}/owners.yml`]);
    expect(result.exitCode).toBe(0);
    const rows = new Map(
      result.stdout
        .split('\n')
        .slice(1)
        .map((line) => line.split(/ {2,}/))
        .map((cells) => [cells[0], cells.slice(1, 3)]),
    );
    expect(result.stdout.split('\n')[0]).toMatch(/^RULE +TIER +OWNER +RATIONALE$/);
    expect(rows.get('identity.aws.iam')).toEqual(['high', 'acme/security (catalog.owners[1])']);
    expect(rows.get('network.aws.security-group')).toEqual(['high', 'acme/platform (catalog.owners[0])']);
    expect(rows.get('repository.four-eyes.policy-file')).toEqual(['critical', 'sec-lead (catalog.owners[2])']);
    expect(rows.get('acme.prod-databases')).toEqual(['critical', 'acme/data (rules[0].owner)']);
    expect(result.stdout.endsWith(`\n${BUILTIN_CATALOG.length + 1} rules under ${POLICIES}/owners.yml.\n`)).toBe(true);
  });

  it('json: each rule with its owner (or null) and whether code owners own it too', () => {
    const { rules } = JSON.parse(
      runCli(['catalog', '--owners', '--format', 'json', '--config', `${POLICIES}/owners-partial.yml`]).stdout,
    ) as { rules: { id: string; owner: unknown; codeOwners: boolean }[] };
    expect(rules.find((r) => r.id === 'identity.aws.lookup')).toBeUndefined(); // disabled
    expect(rules.find((r) => r.id === 'repository.four-eyes.policy-file')).toEqual({
      id: 'repository.four-eyes.policy-file',
      tier: 'critical',
      origin: 'catalog',
      owner: null,
      codeOwners: false,
    });
  });

  it('an invalid policy: its errors, exit 1', () => {
    const result = runCli(['catalog', '--owners', '--config', `${POLICIES}/invalid.yml`]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `four-eyes: 3 error(s) in ${POLICIES}/invalid.yml; the owners follow from a valid policy\n`,
    );
  });

  it('--config without --owners is a usage error', () => {
    const result = runCli(['catalog', '--config', `${POLICIES}/owners.yml`]);
    expect(result).toMatchObject({ exitCode: 2, stderr: 'four-eyes: catalog: --config goes with --owners\n' });
  });
});

describe('four-eyes validate-config --strict', () => {
  it('lists the high and critical rules without an owner, exit 1', () => {
    const path = `${POLICIES}/owners-partial.yml`;
    expect(runCli(['validate-config', '--strict', path])).toEqual({
      stdout: `${path}: critical rule repository.four-eyes.policy-file has no owner: give it one (its owner, or catalog.owners)\n`,
      stderr: `four-eyes: 1 high or critical rule(s) without an owner in ${path} (--strict)\n`,
      exitCode: 1,
    });
    expect(runCli(['validate-config', path]).exitCode).toBe(0);
  });

  it.each([`${POLICIES}/owners.yml`, `${POLICIES}/queues-high.yml`])(
    '%s: every rule owned, or no owners named at all: valid',
    (path) => {
      expect(runCli(['validate-config', '--strict', path])).toEqual({ stdout: `${path}: valid\n`, exitCode: 0 });
    },
  );
});
