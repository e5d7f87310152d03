import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../src/plan/planModel.js';
import { readPlan } from '../../src/plan/readPlan.js';

/** test/fixtures/plans: `terraform show -json` outputs written for Four Eyes (see SOURCES.md there). */
const PLAN_FIXTURES = fileURLToPath(new URL('../fixtures/plans/', import.meta.url));

/** Every fixture that is a readable plan (the top-level *.json files; invalid ones are in invalid/). */
export const PLAN_FIXTURE_NAMES = readdirSync(PLAN_FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .sort();

export function planFixtureText(name: string): string {
  return readFileSync(PLAN_FIXTURES + name, 'utf8');
}

/** A fixture read with `readPlan`, its source being its file name; throws when it cannot be read. */
export function planFixture(name: string): Plan {
  const result = readPlan(planFixtureText(name), name);
  if ('error' in result) throw new Error(`${name}: ${result.error.message}`);
  return result.plan;
}
