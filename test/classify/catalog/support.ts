import { expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/change/changeSet.js';
import { classifyChangeSet } from '../../../src/classify/classify.js';
import { defaultPolicy } from '../../../src/model/policy.js';
import type { SourceTree } from '../../../src/terraform/sourceTree.js';

/** Files of one revision: path → content. */
export type Files = Record<string, string>;

/** A finding as the catalog tests state it: address, rule id, tier. */
export type Expected = [address: string, ruleId: string, tier: string];

/** One row of a family's table: what changes, and every finding it must produce, highest tier first. */
export type Case = [description: string, base: Files, head: Files, expected: Expected[]];

export function tree(files: Files): SourceTree {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
}

/** Classifies base → head with the built-in catalog and the default policy. */
function findings(base: Files, head: Files): Expected[] {
  const classification = classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
  return classification.findings.map((f) => [f.address, f.ruleId, f.tier]);
}

/** Runs a family's table: each row is one test named by its description. */
export function runCases(cases: readonly Case[]): void {
  it.each(cases)('%s', (_description, base, head, expected) => {
    expect(findings(base, head)).toEqual(expected);
  });
}

/** A head revision with one main.tf, for the common case of a new object. */
export function created(hcl: string): [Files, Files] {
  return [{}, { 'main.tf': hcl }];
}

/** One main.tf at both sides, `from` replaced by `to` at the head: an object whose one value changes. */
export function edited(hcl: string, from: string, to: string): [Files, Files] {
  if (!hcl.includes(from)) throw new Error(`edited: "${from}" is not in the text`);
  return [{ 'main.tf': hcl }, { 'main.tf': hcl.replace(from, to) }];
}
