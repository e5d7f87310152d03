import { BUILTIN_CATALOG } from '../../classify/catalog/index.js';
import type { RuleMatch } from '../../model/policy.js';
import { renderTable } from '../../report/table.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { catalogOwners } from './catalogOwners.js';
import type { CommandResult } from './result.js';

export const catalogHelp = `Usage: four-eyes catalog [--format json|text] [--owners [--config <file>]]

Lists the built-in classification rules: id, tier and rationale (what could go wrong). A policy
file can disable a rule or override its tier by id (docs/configuration.md); docs/catalog.md
shows what each rule matches.

With --owners: the rules in force under a policy (--config, default .github/four-eyes.yml here,
else the built-in defaults), each with the owner its findings get (docs/owners.md).`;

export function runCatalog(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('catalog', argv, {
    format: { type: 'string' },
    owners: { type: 'boolean' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { stdout: catalogHelp + '\n', exitCode: 0 };
  const format = outputFormat('catalog', values.format, ['json', 'text'] as const, 'text');
  if (positionals.length > 0)
    return { stdout: '', stderr: `four-eyes: catalog takes no arguments, got "${positionals[0]}"\n`, exitCode: 2 };
  if (values.config !== undefined && !values.owners) throw new UsageError('catalog: --config goes with --owners');
  if (values.owners) return catalogOwners(values.config as string | undefined, format);
  if (format === 'json') {
    const rules = BUILTIN_CATALOG.map((r) => ({
      id: r.id,
      tier: r.tier,
      rationale: r.rationale,
      match: policyFileMatch(r.match),
    }));
    return { stdout: JSON.stringify({ rules }, null, 2) + '\n', exitCode: 0 };
  }
  const rows = BUILTIN_CATALOG.map((r) => [r.id, r.tier, r.rationale]);
  return {
    stdout: renderTable(['RULE', 'TIER', 'RATIONALE'], rows, 100) + `\n${BUILTIN_CATALOG.length} rules.\n`,
    exitCode: 0,
  };
}

/**
 * A rule's match as a policy file writes it (snake_case), so it can be copied into one. `changedOnly`
 * has no policy-file form: a copied rule also judges an object given another provider whole.
 * Neither has `blocksAdded`: its nearest form is `attributes`, any change in or of those blocks.
 * Nor `exceptProviders`: a copied rule for the providers the catalog has no rules for matches
 * those types of every provider.
 */
function policyFileMatch(match: RuleMatch): Record<string, unknown> {
  const { blocksAdded, ...rest } = match;
  const written: Omit<RuleMatch, 'blocksAdded'> = blocksAdded
    ? { ...rest, attributes: [...(rest.attributes ?? []), ...blocksAdded.flatMap((path) => [path, `${path}.**`])] }
    : rest;
  const keys: Record<Exclude<keyof RuleMatch, 'changedOnly' | 'blocksAdded' | 'exceptProviders'>, string> = {
    kinds: 'kinds',
    resourceTypes: 'resource_types',
    addresses: 'addresses',
    actions: 'actions',
    attributes: 'attributes',
    values: 'values',
    files: 'files',
    moduleChanges: 'module_changes',
    moduleSource: 'module_source',
  };
  return Object.fromEntries(
    Object.entries(written)
      .filter(([key]) => key !== 'changedOnly' && key !== 'exceptProviders')
      .map(([key, value]) => [keys[key as keyof typeof keys], value]),
  );
}
