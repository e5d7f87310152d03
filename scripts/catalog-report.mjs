#!/usr/bin/env node
// npm run catalog-report: how the built-in catalog classifies every resource and data source type
// of the AWS, Google and AzureRM providers (test/fixtures/provider-types/, docs/provider-types.md),
// each created with an empty body: value-dependent rules (world-open CIDRs, "*" actions) need
// values, so this is each type's floor. Lists every type whose name suggests privilege or
// exposure that is still low, with the catalog's documented reason, or flagged UNREVIEWED.
import { readFileSync } from 'node:fs';
import { buildChangeSet } from '../dist/change/changeSet.js';
import { REVIEWED_LOW_TYPES, suggestsPrivilege } from '../dist/classify/catalog/index.js';
import { classifyChangeSet } from '../dist/classify/classify.js';
import { defaultPolicy, tierRank } from '../dist/model/policy.js';

const PROVIDERS = ['aws', 'google', 'azurerm'];
const TIERS = ['critical', 'high', 'medium', 'low'];

function readList(name) {
  const text = readFileSync(new URL(`../test/fixtures/provider-types/${name}.txt`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

function tiersOnCreate(types, kind) {
  const content = types.map((type) => `${kind} "${type}" "x" {}\n`).join('');
  const changeSet = buildChangeSet({ files: [] }, { files: [{ path: 'main.tf', content }] });
  const tiers = new Map();
  for (const finding of classifyChangeSet(changeSet, defaultPolicy()).findings) {
    const type = finding.address.split('.')[kind === 'data' ? 1 : 0];
    const previous = tiers.get(type);
    if (previous === undefined || tierRank(finding.tier) > tierRank(previous)) tiers.set(type, finding.tier);
  }
  return tiers;
}

const rows = [];
const stillLow = [];
let unreviewed = 0;
for (const provider of PROVIDERS) {
  for (const kind of ['resource', 'data']) {
    const types = readList(kind === 'data' ? `${provider}-data` : provider);
    const tiers = tiersOnCreate(types, kind);
    const counts = Object.fromEntries(TIERS.map((t) => [t, 0]));
    for (const type of types) counts[tiers.get(type) ?? 'low']++;
    rows.push({ provider, kind, total: types.length, ...counts });
    for (const type of types.filter(suggestsPrivilege)) {
      if ((tiers.get(type) ?? 'low') !== 'low') continue;
      const key = kind === 'data' ? `data.${type}` : type;
      const reason = REVIEWED_LOW_TYPES[key];
      if (!reason) unreviewed++;
      stillLow.push(
        `${key}: ${reason ?? 'UNREVIEWED: classify it in the catalog or give the reason in reviewedLowTypes.ts'}`,
      );
    }
  }
}

const header = ['provider', 'kind', 'total', ...TIERS];
const widths = header.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log('Tier of each provider type when created (empty body), by the built-in catalog:\n');
console.log(line(header));
for (const row of rows) console.log(line(header.map((h) => row[h])));
const total = Object.fromEntries(['total', ...TIERS].map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)]));
console.log(line(['all', '', ...['total', ...TIERS].map((k) => total[k])]));
console.log(`\nTypes whose names suggest privilege or exposure that stay low (${stillLow.length}):`);
for (const entry of stillLow) console.log(`  ${entry}`);
console.log(
  unreviewed ? `\n${unreviewed} type(s) UNREVIEWED` : '\nEvery such type is classified or reviewed with a reason.',
);
process.exitCode = unreviewed ? 1 : 0;
