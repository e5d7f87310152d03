import type { JsonValue, Plan, PlannedAction, ResourceChange, ValueMarks } from '../../src/plan/planModel.js';

/** A plan of the given resource changes, as readPlan would give it. */
export function planOf(changes: ResourceChange[], extra: Partial<Plan> = {}): Plan {
  return {
    source: 'plan.json',
    formatVersion: '1.2',
    terraformVersion: '1.9.0',
    resourceChanges: changes,
    outputChanges: [],
    errored: false,
    configuredNames: null,
    ...extra,
  };
}

interface EntryOptions {
  before?: JsonValue;
  after?: JsonValue;
  afterUnknown?: ValueMarks;
  afterSensitive?: ValueMarks;
  previousAddress?: string;
  importing?: boolean;
  mode?: 'managed' | 'data';
}

/** One resource change at `address` (`module.app.aws_x.y["k"]` works: module and type are taken from it). */
export function entry(address: string, action: PlannedAction, options: EntryOptions = {}): ResourceChange {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  const moduleParts: string[] = [];
  while (parts[0] === 'module') moduleParts.push(parts.shift()!, parts.shift()!);
  const data = parts[0] === 'data';
  if (data) parts.shift();
  const moduleAddress = moduleParts.length ? address.slice(0, address.indexOf(parts[0]!) - (data ? 6 : 1)) : null;
  return {
    address,
    previousAddress: options.previousAddress ?? null,
    moduleAddress,
    mode: options.mode ?? (data ? 'data' : 'managed'),
    type: parts[0]!,
    name: parts[1]!,
    index: null,
    providerName: 'registry.terraform.io/hashicorp/aws',
    deposed: null,
    actionReason: null,
    change: {
      action,
      before: options.before ?? null,
      after: options.after ?? null,
      afterUnknown: options.afterUnknown ?? false,
      beforeSensitive: false,
      afterSensitive: options.afterSensitive ?? false,
      replacePaths: [],
      importing: options.importing ? { id: 'sg-123' } : null,
    },
  };
}
