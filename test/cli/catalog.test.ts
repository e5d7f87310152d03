import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/classify/catalog/index.js';
import { runCli } from '../../src/cli/main.js';
import { expectUsageError } from './support.js';

describe('four-eyes catalog', () => {
  it('text: one rule per line (id, tier, rationale), then the count', () => {
    const result = runCli(['catalog']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE +TIER +RATIONALE$/);
    expect(lines.slice(-3)).toEqual(['', `${BUILTIN_CATALOG.length} rules.`, '']);
    const rows = lines.slice(1, -3).map((line) => line.split(/ {2,}/));
    expect(rows.map((row) => [row[0], row[1]])).toEqual(BUILTIN_CATALOG.map((rule) => [rule.id, rule.tier]));
    expect(rows.find((row) => row[0] === 'repository.four-eyes.policy-file')?.[1]).toBe('critical');
  });

  it('json: every rule with id, tier, rationale and match', () => {
    const { rules } = JSON.parse(runCli(['catalog', '--format', 'json']).stdout) as {
      rules: Record<string, unknown>[];
    };
    expect(rules).toHaveLength(BUILTIN_CATALOG.length);
    for (const rule of rules) expect(Object.keys(rule)).toEqual(['id', 'tier', 'rationale', 'match']);
    expect(rules[0]).toMatchObject({ id: 'identity.aws.iam', tier: 'high' });
  });

  it('json: a rule on blocks added is given in its nearest policy-file form, attributes in or of those blocks', () => {
    const { rules } = JSON.parse(runCli(['catalog', '--format', 'json']).stdout) as {
      rules: { id: string; match: Record<string, unknown> }[];
    };
    const match = rules.find((rule) => rule.id === 'network.google.instance-external-ip')!.match;
    expect(match).not.toHaveProperty('blocksAdded');
    expect(match.attributes).toEqual([
      'network_interface.access_config',
      'network_interface.access_config.**',
      'network_interface.ipv6_access_config',
      'network_interface.ipv6_access_config.**',
    ]);
  });

  it.each([
    [['catalog', 'aws'], 'four-eyes: catalog takes no arguments, got "aws"\n'],
    [['catalog', '--format', 'yaml'], 'four-eyes: catalog: --format must be one of json, text, got "yaml"\n'],
  ])('%j is a usage error', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });
});
