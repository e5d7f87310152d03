#!/usr/bin/env node
// Writes the test-only lists of resource and data source types of the AWS,
// Google and AzureRM Terraform providers to test/fixtures/provider-types/.
//
// The source is the prebuilt CDK for Terraform bindings on the npm registry
// (@cdktf/provider-*): they are generated from `terraform providers schema
// -json`, one directory per resource or data source under lib/, each class
// carrying its Terraform type as the static `tfResourceType`.
//
// Usage:
//   node scripts/generate-provider-types.mjs
//       packs the pinned versions below with `npm pack` into a temp dir
//   node scripts/generate-provider-types.mjs aws=@cdktf/provider-aws@22.0.0
//       another version (or package) for one provider; the others keep the pins
//   node scripts/generate-provider-types.mjs aws=/tmp/x/package
//       an extracted @cdktf package directory (the one holding package.json)
//   node scripts/generate-provider-types.mjs aws=/tmp/schema.json
//       the output of `terraform providers schema -json` (the @cdktf packages
//       are deprecated, so newer provider versions must come from there)
//
// No dependencies: Node's standard library, plus the `npm` and `tar` commands.

import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned sources (Terraform provider versions: aws 6.25.0, google 6.50.0, azurerm 4.55.0); bump a version here to refresh a list reproducibly. */
const PROVIDERS = {
  aws: { prefix: 'aws_', source: '@cdktf/provider-aws@21.22.1' },
  google: { prefix: 'google_', source: '@cdktf/provider-google@16.12.1' },
  azurerm: { prefix: 'azurerm_', source: '@cdktf/provider-azurerm@14.23.1' },
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(repoRoot, 'test', 'fixtures', 'provider-types');

function parseArgs(argv) {
  const sources = Object.fromEntries(Object.entries(PROVIDERS).map(([name, p]) => [name, p.source]));
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : '';
    if (!(name in PROVIDERS)) {
      throw new Error(
        `expected <provider>=<npm spec, package dir or schema JSON> with provider one of ${Object.keys(PROVIDERS).join(', ')}; got "${arg}"`,
      );
    }
    sources[name] = arg.slice(eq + 1);
  }
  return sources;
}

/** Returns the extracted package directory; packs and extracts only lib/*\/index.js when given an npm spec. */
function obtainPackageDir(source, scratch) {
  if (existsSync(source) && statSync(source).isDirectory()) return resolve(source);
  const packDir = mkdtempSync(join(scratch, 'pack-'));
  const output = execFileSync('npm', ['pack', source, '--json', '--pack-destination', packDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(output);
  const tarball = join(packDir, packed.filename);
  // Only the files we read: the full AWS package unpacks to ~270 MB.
  execFileSync('tar', ['xzf', tarball, '-C', packDir, '--wildcards', 'package/package.json', 'package/lib/*/index.js']);
  rmSync(tarball);
  return join(packDir, 'package');
}

const CLASS_PATTERN = /^class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/gm;
const TYPE_PATTERN = /^(\w+)\.tfResourceType = "([^"]+)";/gm;

/** Reads every lib/<dir>/index.js and sorts its Terraform types by the base class that declares them. */
function extractTypes(packageDir) {
  const libDir = join(packageDir, 'lib');
  const resources = new Set();
  const dataSources = new Set();
  for (const entry of readdirSync(libDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(libDir, entry.name, 'index.js');
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    const kindOfClass = new Map([...code.matchAll(CLASS_PATTERN)].map((m) => [m[1], m[2]]));
    for (const [, className, type] of code.matchAll(TYPE_PATTERN)) {
      const kind = kindOfClass.get(className);
      if (kind === 'TerraformProvider') continue;
      if (kind === undefined)
        throw new Error(`${file}: ${className}.tfResourceType has no class extending a cdktf Terraform element`);
      (kind === 'TerraformResource' ? resources : dataSources).add(type);
    }
  }
  const sorted = (set) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { resources: sorted(resources), dataSources: sorted(dataSources) };
}

/** Reads the lists from `terraform providers schema -json` output, picking the provider whose address ends in /<name>. */
function extractTypesFromSchema(schemaFile, name) {
  const schemas = JSON.parse(readFileSync(schemaFile, 'utf8')).provider_schemas ?? {};
  const address = Object.keys(schemas).find((a) => a.endsWith(`/${name}`));
  if (address === undefined)
    throw new Error(`${schemaFile}: no provider schema for "${name}" among ${Object.keys(schemas).join(', ')}`);
  const schema = schemas[address];
  const sorted = (o) => Object.keys(o ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    sourceId: `${address} schema (terraform providers schema -json)`,
    resources: sorted(schema.resource_schemas),
    dataSources: sorted(schema.data_source_schemas),
  };
}

/** Returns the types and a one-line description of where they came from. */
function loadTypes(source, name, scratch) {
  if (existsSync(source) && statSync(source).isFile()) return extractTypesFromSchema(source, name);
  const packageDir = obtainPackageDir(source, scratch);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const provider = pkg.cdktf?.provider;
  const providerId = provider
    ? ` (${provider.name.replace(/^registry\.terraform\.io\//, '')} ${provider.version})`
    : '';
  return { sourceId: `${pkg.name}@${pkg.version}${providerId}`, ...extractTypes(packageDir) };
}

function writeList(fileName, sourceId, what, types) {
  const date = new Date().toISOString().slice(0, 10);
  const header = [
    `# generated by scripts/generate-provider-types.mjs from ${sourceId}`,
    `# ${date}: ${types.length} ${what}, one a line; test-only, see docs/provider-types.md`,
  ];
  writeFileSync(join(outputDir, fileName), [...header, ...types, ''].join('\n'));
}

function main() {
  const sources = parseArgs(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'provider-types-'));
  try {
    mkdirSync(outputDir, { recursive: true });
    for (const [name, { prefix }] of Object.entries(PROVIDERS)) {
      const { sourceId, resources, dataSources } = loadTypes(sources[name], name, scratch);
      if (resources.length === 0) throw new Error(`${sourceId}: no resource types found`);
      const stray = [...resources, ...dataSources].find((type) => !type.startsWith(prefix));
      if (stray !== undefined) throw new Error(`${sourceId}: type "${stray}" does not start with "${prefix}"`);
      writeList(`${name}.txt`, sourceId, 'resource types', resources);
      writeList(`${name}-data.txt`, sourceId, 'data source types', dataSources);
      console.log(
        `${name}: ${resources.length} resource types, ${dataSources.length} data source types from ${sourceId}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
