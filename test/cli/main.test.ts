import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXAMPLE_BASE, EXAMPLE_HEAD, expectUsageError, ROOT } from './support.js';

const USAGE = `Usage: four-eyes <command> [options]

Commands:
  inventory <file|dir>... [--format json|text]
  diff --base <dir> --head <dir> [--format json|text]
  classify --base <dir> --head <dir> [--plan [<root>=]<plan.json> ...] [--config <file>] [--format json|text]
  evaluate --base <dir> --head <dir> --facts <file> [options]
  plan-digest <plan.json>... [--format text|json]
  validate-config [--strict] <file>
  catalog [--format json|text] [--owners [--config <file>]]
  audit verify|export [options]

Run four-eyes <command> --help for details.
`;

const COMMANDS = ['inventory', 'diff', 'classify', 'evaluate', 'plan-digest', 'validate-config', 'catalog'];

describe('four-eyes without a command', () => {
  it('prints the usage and exits 2: nothing was done', () => {
    expect(runCli([])).toEqual({ stdout: USAGE, exitCode: 2 });
  });

  it.each([['--help'], ['-h'], ['help']])('%s prints the usage and exits 0', (flag) => {
    expect(runCli([flag])).toEqual({ stdout: USAGE, exitCode: 0 });
  });
});

describe('an unknown command', () => {
  it.each([['bogus'], ['--version'], ['Diff'], ['']])('"%s" is a one-line usage error', (name) => {
    expectUsageError(
      runCli([name, '--base', '.']),
      `four-eyes: unknown command "${name}"; expected one of ${[...COMMANDS, 'audit'].join(', ')}\n`,
    );
  });
});

describe('every command', () => {
  it.each(COMMANDS)('%s --help and -h print its usage and exit 0, even with other arguments', (command) => {
    for (const argv of [
      [command, '--help'],
      [command, '-h'],
      [command, 'extra', '--help'],
    ]) {
      const result = runCli(argv);
      expect(result.exitCode).toBe(0);
      expect(result.stdout.startsWith(`Usage: four-eyes ${command} `)).toBe(true);
      expect(result.stderr ?? '').toBe('');
    }
  });

  it.each(COMMANDS)('%s rejects an unknown option in one line', (command) => {
    expectUsageError(
      runCli([command, '--colour']),
      `four-eyes: ${command}: Unknown option '--colour' (see four-eyes ${command} --help)\n`,
    );
  });

  it.each(COMMANDS.filter((c) => c !== 'validate-config'))(
    '%s rejects --format without a value in one line',
    (command) => {
      expectUsageError(
        runCli([command, '--format']),
        `four-eyes: ${command}: Option '--format <value>' argument missing (see four-eyes ${command} --help)\n`,
      );
    },
  );
});

describe('the installed command (spawns node bin/four-eyes.js; needs npm run build)', () => {
  const run = (...argv: string[]) =>
    spawnSync(process.execPath, ['bin/four-eyes.js', ...argv], { cwd: ROOT, encoding: 'utf8' });

  it("runs the README's main job: the change set of the example pull request", () => {
    const result = run('diff', '--base', EXAMPLE_BASE, '--head', EXAMPLE_HEAD, '--format', 'text');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'ACTION  ADDRESS                             LOCATION         DETAIL\n' +
        'move    aws_iam_role.deployer               main.tf:21       from aws_iam_role.ci\n' +
        'update  aws_iam_role_policy.ci_read         main.tf:42       policy, role\n' +
        'update  aws_s3_bucket.artifacts             main.tf:55       lifecycle.prevent_destroy\n' +
        'create  aws_security_group_rule.deploy_ssh  main.tf:59\n' +
        'create  moved.aws_iam_role.ci               main.tf:27\n' +
        'create  var.runner_security_group_id        variables.tf:10\n',
    );
  });

  it('exits 2 with one line on stderr for an unknown command', () => {
    const result = run('bogus');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `four-eyes: unknown command "bogus"; expected one of ${[...COMMANDS, 'audit'].join(', ')}\n`,
    );
  });
});
