import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { expectUsageError, jsonText } from './support.js';

const PLANS = 'test/fixtures/plans';
const IAM = `${PLANS}/iam-wildcard-policy.json`;
const LEGACY = `${PLANS}/format-0.1.json`;
const IAM_DIGEST = 'sha256:862521c3cae66bdd6791cd49de02b9913da8fca89ff7f3836690d00eb9a3134b';
const LEGACY_DIGEST = 'sha256:a9eea0a04e95de4cea550fc1694afd9f684714bc2fb81d19c26d88dd4125c0a6';

describe('four-eyes plan-digest <plan.json>...', () => {
  it('prints "<digest>  <file>" per plan, like sha256sum, and exits 0', () => {
    expect(runCli(['plan-digest', IAM, LEGACY])).toEqual({
      stdout: `${IAM_DIGEST}  ${IAM}\n${LEGACY_DIGEST}  ${LEGACY}\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('--format json: source, digest, resource change count and versions per plan', () => {
    expect(runCli(['plan-digest', '--format', 'json', IAM, LEGACY])).toEqual({
      stdout: jsonText([
        { source: IAM, digest: IAM_DIGEST, resourceChanges: 3, formatVersion: '1.2', terraformVersion: '1.9.8' },
        {
          source: LEGACY,
          digest: LEGACY_DIGEST,
          resourceChanges: 3,
          formatVersion: '0.1',
          terraformVersion: '0.12.31',
        },
      ]),
      stderr: '',
      exitCode: 0,
    });
  });

  it('a plan it cannot read: its error as file:line: message on stderr, the others still printed, exit 1', () => {
    const truncated = `${PLANS}/invalid/truncated.json`;
    const format2 = `${PLANS}/invalid/format-2.json`;
    const action = `${PLANS}/invalid/unknown-action.json`;
    expect(runCli(['plan-digest', truncated, IAM, format2, action])).toEqual({
      stdout: `${IAM_DIGEST}  ${IAM}\n`,
      stderr: [
        `${truncated}:20: invalid JSON: unexpected end of input in the string that starts at line 20, column 23 (line 20, column 30); the file ends too soon: was it written completely?`,
        `${format2}: format_version: plan format 2.0 is not supported: Four Eyes reads format 1.x (and 0.x); produce the plan with a Terraform (≥0.12) or OpenTofu whose \`show -json\` writes format 1.x, or upgrade Four Eyes`,
        `${action}: resource_changes[1].change.actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got ["create","update"]`,
        '',
      ].join('\n'),
      exitCode: 1,
    });
  });

  it('with --format json, an unreadable plan is left out of the list and reported on stderr', () => {
    const result = runCli(['plan-digest', '--format', 'json', `${PLANS}/invalid/format-2.json`]);
    expect([result.stdout, result.exitCode]).toEqual(['[]\n', 1]);
    expect(result.stderr).toMatch(/^test\/fixtures\/plans\/invalid\/format-2\.json: format_version: plan format 2\.0/);
  });
});

describe('plan-digest usage errors', () => {
  it.each([
    [['plan-digest'], 'four-eyes: plan-digest: give at least one plan JSON file\n'],
    [['plan-digest', `${PLANS}/missing.json`], `four-eyes: no such file or directory: ${PLANS}/missing.json\n`],
    [['plan-digest', PLANS], `four-eyes: a plan is a file, not a directory: ${PLANS}\n`],
    [
      ['plan-digest', IAM, '--format', 'markdown'],
      'four-eyes: plan-digest: --format must be one of text, json, got "markdown"\n',
    ],
  ])('%j', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });

  it('--help', () => {
    const result = runCli(['plan-digest', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Usage: four-eyes plan-digest <plan.json>... [--format text|json]');
  });
});
