import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseFacts } from '../../src/policy/loadFacts.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = [
  '--base',
  join(ROOT, 'examples/iam-change/base'),
  '--head',
  join(ROOT, 'examples/iam-change/head'),
  '--facts',
  join(ROOT, 'examples/iam-change/facts.json'),
  '--now',
  '2026-11-23T12:00:00Z',
];

describe('evaluate --facts', () => {
  it('prints the decision as JSON, conclusion and tier first, exit 1 while approvals are missing', () => {
    const result = runCli(['evaluate', ...EXAMPLE]);
    expect(result.exitCode).toBe(1);
    const decision = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(decision).slice(0, 2)).toEqual(['conclusion', 'tier']);
    expect(decision).toMatchObject({
      conclusion: 'action_required',
      tier: 'critical',
      title: 'Critical impact: 1 of 2 independent approvals',
    });
    expect(decision.approvals).toMatchObject({
      counted: [{ login: 'dave', requirement: 'independent approvals' }],
      rejected: [
        {
          login: 'carol',
          code: 'stale',
          reason: 'carol approved 9e8d7c6, but the head is now c3d2e1f; ask for a new approval of the head',
        },
        { login: 'bob', code: 'co-author', reason: 'bob co-authored 9e8d7c6' },
      ],
    });
  });

  it('text and markdown formats', () => {
    const text = runCli(['evaluate', ...EXAMPLE, '--format', 'text']).stdout;
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Critical impact: 1 of 2 independent approvals',
      'conclusion: action_required   tier: critical   acme/infra#128 at c3d2e1f   policy: built-in defaults',
    ]);
    const markdown = runCli(['evaluate', ...EXAMPLE, '--format', 'markdown']).stdout;
    expect(markdown.split('\n')[0]).toBe('## ⏳ Approvals needed: Critical impact: 1 of 2 independent approvals');
    expect(markdown).toContain('- @bob (`co-author`): bob co-authored 9e8d7c6');
  });

  it.each([
    [
      ['--now', 'yesterday'],
      'four-eyes: evaluate: --now must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "yesterday"\n',
    ],
    [['--format', 'html'], 'four-eyes: evaluate: --format must be one of json, text, markdown, got "html"\n'],
  ])('usage errors: %j', (extra, stderr) => {
    expect(runCli(['evaluate', ...EXAMPLE, ...extra])).toMatchObject({ exitCode: 2, stderr });
  });

  it('invalid facts are reported with their position and exit 2', () => {
    const dir = scratchDirectory('four-eyes-facts');
    const path = join(dir, 'facts.json');
    writeFileSync(path, '{\n  "number": "seven"\n}\n');
    const result = runCli([
      'evaluate',
      '--base',
      join(ROOT, 'examples/iam-change/base'),
      '--head',
      join(ROOT, 'examples/iam-change/head'),
      '--facts',
      path,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${path}:2:13: number must be an integer ≥ 1, got "seven" (line 2, column 13)`);
    expect(result.stderr).toContain(`${path}:1:1: the facts file is missing "repository", "baseBranch",`);
  });
});

describe('evaluate: a change to the policy file', () => {
  it('is blocked while the proposed policy is invalid, with its line', () => {
    const dir = scratchDirectory('four-eyes-proposed');
    for (const [side, text] of [
      ['base', 'version: 1\n'],
      ['head', 'version: 1\ntiers:\n  high:\n    approvals: -1\n'],
    ] as const) {
      spawnSync('mkdir', ['-p', join(dir, side, '.github')]);
      writeFileSync(join(dir, side, '.github/four-eyes.yml'), text);
    }
    const result = runCli([
      'evaluate',
      '--base',
      join(dir, 'base'),
      '--head',
      join(dir, 'head'),
      '--facts',
      join(ROOT, 'examples/iam-change/facts.json'),
      '--now',
      '2026-11-23T12:00:00Z',
    ]);
    const decision = JSON.parse(result.stdout) as { conclusion: string; blocking: { code: string; reason: string }[] };
    expect(result.exitCode).toBe(1);
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking).toEqual([
      expect.objectContaining({
        code: 'invalid-proposed-policy',
        reason:
          "the PR's .github/four-eyes.yml is invalid (1 error, first at line 4: tiers.high.approvals must be ≥ 0, got -1 (line 4, column 16)); fix it in the PR",
      }),
    ]);
  });
});

describe('parseFacts', () => {
  it('accepts the example facts and rejects broken JSON with a position', () => {
    const example = spawnSync('cat', [join(ROOT, 'examples/iam-change/facts.json')], { encoding: 'utf8' }).stdout;
    expect(parseFacts(example).ok).toBe(true);
    const broken = parseFacts('{\n  "number": 1,\n');
    expect(broken.ok).toBe(false);
    expect(broken.errors).toEqual([
      {
        message:
          'invalid JSON: the file ends before this object is closed: "}" is missing at the end (line 1, column 1)',
        path: '',
        line: 1,
        column: 1,
      },
    ]);
  });
});

describe('evaluate --repo (a branch before it is a pull request)', () => {
  const BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
  const PUBLIC_BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  acl    = "public-read"\n}\n';

  /** A repository whose `main` has `baseFiles` and whose `feature` branch writes `headFiles` over them. */
  function makeRepo(
    baseFiles: Record<string, string> = { 'main.tf': BUCKET },
    headFiles: Record<string, string> = { 'main.tf': PUBLIC_BUCKET },
  ): string {
    const repo = scratchDirectory('four-eyes-repo');
    const write = (files: Record<string, string>) => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(repo, path)), { recursive: true });
        writeFileSync(join(repo, path), content);
      }
    };
    const git = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync('git', ['-C', repo, '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
      });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    const as = (name: string, email: string) => ({
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_AUTHOR_DATE: '2026-11-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-11-01T00:00:00Z',
    });
    git(['init', '-q']);
    write(baseFiles);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base'], as('Platform', 'platform@acme.example'));
    git(['checkout', '-q', '-b', 'feature']);
    write(headFiles);
    git(['add', '-A']);
    git(
      ['commit', '-q', '-m', 'open the logs\n\nCo-authored-by: Bob <bob@acme.example>'],
      as('Alice', 'alice@acme.example'),
    );
    return repo;
  }

  /** `evaluate` of the feature branch against main, at a fixed time. */
  const evaluateBranch = (repo: string) =>
    runCli(['evaluate', '--repo', repo, '--base', 'main', '--head', 'feature', '--now', '2026-11-23T12:00:00Z']);

  it('shows what the change would need, with its authors excluded by e-mail', () => {
    const repo = makeRepo();
    const result = evaluateBranch(repo);
    expect(result.exitCode).toBe(1);
    const decision = JSON.parse(result.stdout) as {
      conclusion: string;
      tier: string;
      excluded: { login: string; reason: string }[];
    };
    expect(decision.conclusion).toBe('action_required');
    expect(decision.tier).toBe('critical');
    expect(decision.excluded.map((e) => e.login)).toEqual(['<alice@acme.example>', '<bob@acme.example>']);
  });

  it('compares committed packages: a module in node_modules changed alone is high', () => {
    const call = 'module "iam" {\n  source = "./node_modules/@acme/tf-modules/iam"\n}\n';
    const repo = makeRepo(
      {
        'main.tf': call,
        'node_modules/@acme/tf-modules/iam/main.tf': 'resource "aws_iam_user" "a" {\n  name = "a"\n}\n',
      },
      { 'node_modules/@acme/tf-modules/iam/main.tf': 'resource "aws_iam_user" "a" {\n  name = "admin"\n}\n' },
    );
    const result = evaluateBranch(repo);
    const decision = JSON.parse(result.stdout) as { tier: string; findings: { ruleId: string; file: string }[] };
    expect(decision.tier).toBe('high');
    expect(decision.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'repository.git.committed-packages',
        file: 'node_modules/@acme/tf-modules/iam/main.tf',
      }),
    );
  });

  it('an unknown ref is a one-line error', () => {
    const repo = makeRepo();
    const result = runCli(['evaluate', '--repo', repo, '--base', 'main', '--head', 'no-such-branch']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^four-eyes: git rev-parse failed in .*|^four-eyes: evaluate: no-such-branch is not a commit in .*/,
    );
    expect(result.stderr!.trim().split('\n')).toHaveLength(1);
  });
});
