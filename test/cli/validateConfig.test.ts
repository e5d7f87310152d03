import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { expectUsageError, FIXTURES } from './support.js';

const POLICIES = `${FIXTURES}/policies`;

describe('four-eyes validate-config <file>', () => {
  it.each([['examples/four-eyes.yml'], [`${POLICIES}/queues-high.yml`]])('%s is valid: one line, exit 0', (path) => {
    expect(runCli(['validate-config', path])).toEqual({ stdout: `${path}: valid\n`, exitCode: 0 });
  });

  it('prints every error as file:line:column: message, a count on stderr, and exits 1', () => {
    const path = `${POLICIES}/invalid.yml`;
    expect(runCli(['validate-config', path])).toEqual({
      stdout: [
        `${path}:2:1: chek_name is not a known key; did you mean "check_name"? (allowed here: _extends, version, check_name, tiers, distinct, retain_approvals, deployers, identities, rules, catalog, owners_from_codeowners, exceptions, break_glass, owners, execution, notifications, plans) (line 2, column 1)`,
        `${path}:5:16: tiers.high.approvals must be an integer ≥ 0, got "two" (line 5, column 16)`,
        `${path}:8:11: rules[0].tier must be one of "low", "medium", "high", "critical", got "severe" (line 8, column 11)`,
        '',
      ].join('\n'),
      stderr: `four-eyes: 3 error(s) in ${path}\n`,
      exitCode: 1,
    });
  });

  it('a file that is not YAML is one error with its position, exit 1', () => {
    const path = `${POLICIES}/not-yaml.yml`;
    expect(runCli(['validate-config', path])).toEqual({
      stdout: `${path}:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n`,
      stderr: `four-eyes: 1 error(s) in ${path}\n`,
      exitCode: 1,
    });
  });
});

describe('usage errors', () => {
  it.each([
    [['validate-config'], 'four-eyes: validate-config: give exactly one policy file\n'],
    [
      ['validate-config', `${POLICIES}/invalid.yml`, `${POLICIES}/queues-high.yml`],
      'four-eyes: validate-config: give exactly one policy file\n',
    ],
    [['validate-config', `${POLICIES}/missing.yml`], `four-eyes: no such file or directory: ${POLICIES}/missing.yml\n`],
    [
      ['validate-config', `${POLICIES}/invalid.yml`, '--format', 'json'],
      "four-eyes: validate-config: Unknown option '--format' (see four-eyes validate-config --help)\n",
    ],
  ])('%j', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });

  it('a directory is not a policy file: one line naming it, exit 2', () => {
    const result = runCli(['validate-config', POLICIES]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^four-eyes: [^\\n]*${POLICIES}\\n$`));
  });

  it('--help', () => {
    expect(runCli(['validate-config', '--help'])).toEqual({
      stdout: `Usage: four-eyes validate-config [--strict] <file>

Validates a policy file (.github/four-eyes.yml) against config-schema/four-eyes.schema.json and
the rules a schema cannot express (exception expiry, rule ids, regular expressions).
With --strict, a policy that names owners of findings must name one for every high and critical
rule (docs/owners.md); the rules without are listed.
Exit code 0 when valid; 1 with every error as file:line:column: message; 2 on bad usage.
`,
      exitCode: 0,
    });
  });
});
