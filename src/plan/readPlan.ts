import type {
  JsonValue,
  OutputChange,
  Plan,
  PlanActionName,
  PlanError,
  PlannedAction,
  PlannedChange,
  ResourceChange,
  ValueMarks,
} from './planModel.js';

/*
 * A minimal reader, enough for the app's edge to be built and tested against: it is replaced by
 * the full reader (format versions, positions of JSON syntax errors, every field checked) when
 * the branches meet. Same signature.
 */

type JsonObject = { [key: string]: JsonValue };

/** Reads `terraform show -json` output; anything not understood is an error naming `source`. */
export function readPlan(text: string, source: string): { plan: Plan } | { error: PlanError } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: { source, line: null, message: `${source} is not JSON: ${(error as Error).message}` } };
  }
  if (!isObject(json) || typeof json.format_version !== 'string')
    return fail(source, 'has no format_version: it is not the output of `terraform show -json`');
  if (!/^[01]\./.test(json.format_version))
    return fail(source, `has format_version ${json.format_version}, which this Four Eyes cannot read`);
  const resourceChanges: ResourceChange[] = [];
  for (const [i, entry] of asArray(json.resource_changes).entries()) {
    const read = resourceChange(entry);
    if (typeof read === 'string') return fail(source, `resource_changes[${i}] ${read}`);
    resourceChanges.push(read);
  }
  const outputChanges: OutputChange[] = [];
  for (const [name, entry] of Object.entries(isObject(json.output_changes) ? json.output_changes : {})) {
    const change = plannedChange(isObject(entry) ? entry.change : undefined);
    if (typeof change === 'string') return fail(source, `output_changes.${name} ${change}`);
    outputChanges.push({ name, change });
  }
  outputChanges.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    plan: {
      source,
      formatVersion: json.format_version,
      terraformVersion: typeof json.terraform_version === 'string' ? json.terraform_version : null,
      resourceChanges,
      outputChanges,
      errored: json.errored === true,
    },
  };
}

function resourceChange(entry: JsonValue): ResourceChange | string {
  if (!isObject(entry) || typeof entry.address !== 'string' || typeof entry.type !== 'string')
    return 'has no address or type';
  const change = plannedChange(entry.change);
  if (typeof change === 'string') return change;
  return {
    address: entry.address,
    previousAddress: stringOrNull(entry.previous_address),
    moduleAddress: stringOrNull(entry.module_address),
    mode: entry.mode === 'data' ? 'data' : 'managed',
    type: entry.type,
    name: typeof entry.name === 'string' ? entry.name : '',
    index: typeof entry.index === 'string' || typeof entry.index === 'number' ? entry.index : null,
    providerName: stringOrNull(entry.provider_name),
    deposed: stringOrNull(entry.deposed),
    actionReason: stringOrNull(entry.action_reason),
    change,
  };
}

function plannedChange(change: JsonValue | undefined): PlannedChange | string {
  if (!isObject(change)) return 'has no change';
  const action = plannedAction(asArray(change.actions));
  if (action === null) return `has actions ${JSON.stringify(change.actions ?? null)}, which Terraform does not plan`;
  const importing = isObject(change.importing) ? { id: stringOrNull(change.importing.id) } : null;
  return {
    action,
    before: change.before ?? null,
    after: change.after ?? null,
    afterUnknown: (change.after_unknown as ValueMarks | undefined) ?? false,
    beforeSensitive: (change.before_sensitive as ValueMarks | undefined) ?? false,
    afterSensitive: (change.after_sensitive as ValueMarks | undefined) ?? false,
    replacePaths: asArray(change.replace_paths).map((path) =>
      asArray(path).filter((step): step is string | number => typeof step === 'string' || typeof step === 'number'),
    ),
    importing,
  };
}

const ACTIONS: Record<string, PlannedAction> = {
  'no-op': 'no-op',
  create: 'create',
  read: 'read',
  update: 'update',
  delete: 'delete',
  'delete,create': 'delete-then-create',
  'create,delete': 'create-then-delete',
};

function plannedAction(actions: JsonValue[]): PlannedAction | null {
  if (!actions.every((a): a is PlanActionName => typeof a === 'string')) return null;
  return ACTIONS[actions.join(',')] ?? null;
}

function fail(source: string, problem: string): { error: PlanError } {
  return { error: { source, line: null, message: `${source} ${problem}` } };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function stringOrNull(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
