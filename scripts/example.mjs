#!/usr/bin/env node
// npm run example: builds a small Git repository from examples/iam-change (base on `main`, the
// change on `feature`, with a co-author) and asks `four-eyes evaluate --repo` what that change
// would need before it is opened as a pull request. Authors, e-mails and dates are fixed, so
// the output is the same on every machine. Pass --keep to keep the repository and print its path.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const parent = mkdtempSync(join(tmpdir(), 'four-eyes-example-'));
const repo = join(parent, 'acme-infra');
mkdirSync(repo);

function git(args, env = {}) {
  const result = spawnSync(
    'git',
    ['-C', repo, '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
    },
  );
  if (result.status !== 0) {
    process.stderr.write(`example: git ${args[0]} failed: ${result.stderr || result.error?.message}\n`);
    process.exit(2);
  }
  return result.stdout;
}

function commitAs(name, email, date, message) {
  git(['add', '-A']);
  git(['commit', '-q', '-m', message], {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  });
}

function replaceTree(from) {
  for (const entry of ['main.tf', 'variables.tf']) rmSync(join(repo, entry), { force: true });
  cpSync(join(root, 'examples/iam-change', from), repo, { recursive: true });
}

git(['init', '-q']);
replaceTree('base');
commitAs('Platform Team', 'platform@acme.example', '2026-11-01T09:00:00Z', 'CI role and artifact bucket');
git(['checkout', '-q', '-b', 'feature']);
replaceTree('head');
commitAs(
  'Alice Author',
  'alice@acme.example',
  '2026-11-20T10:00:00Z',
  'Let the CI role deploy\n\nCo-authored-by: Bob Builder <bob@acme.example>\n',
);

const evaluate = spawnSync(
  process.execPath,
  [
    join(root, 'bin/four-eyes.js'),
    'evaluate',
    '--repo',
    repo,
    '--base',
    'main',
    '--head',
    'feature',
    '--now',
    '2026-11-23T12:00:00Z',
    '--format',
    'text',
  ],
  { encoding: 'utf8' },
);
process.stdout.write(evaluate.stdout);
process.stderr.write(evaluate.stderr);
if (keep) process.stderr.write(`example repository kept at ${repo}\n`);
else rmSync(parent, { recursive: true, force: true });
// The example is expected to need approvals (exit 1 from evaluate); anything else is a failure.
process.exitCode = evaluate.status === 0 || evaluate.status === 1 ? 0 : (evaluate.status ?? 2);
