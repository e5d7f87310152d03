import { JsonMemberStream, type MemberReading } from '../util/jsonMemberStream.js';
import { findJsonSyntaxError } from '../util/jsonSyntaxError.js';
import { configuredNames } from './configuredNames.js';
import type { OutputChange, Plan, PlanError, ResourceChange } from './planModel.js';
import {
  expectObject,
  type JsonObject,
  kindOf,
  memberPath,
  optionalString,
  PlanShapeError,
  requiredString,
} from './planShape.js';
import { readChange } from './readChange.js';

const HOW_TO_PRODUCE =
  'produce it with `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json`';

/**
 * Reads the text `terraform show -json <planfile>` (or OpenTofu's `tofu show -json`) printed:
 * format 1.x, and 0.x (Terraform 0.12 to 1.0) with the fields it lacks defaulted. Anything else —
 * invalid JSON, another major version, a state instead of a plan, a field of the wrong shape — is
 * an error naming the line or the JSON path, never a partial plan: a plan read wrongly could pass
 * a change that should not. Only `resource_changes` and `output_changes` are walked; `before` and
 * `after` stay the parsed objects, so a 50 MB plan costs one `JSON.parse`.
 */
export function readPlan(text: string, source: string): { plan: Plan } | { error: PlanError } {
  const parsed = parseJson(text);
  if ('error' in parsed) return { error: { source, ...parsed.error } };
  return planOrError(parsed.value, source);
}

function planOrError(value: unknown, source: string): { plan: Plan } | { error: PlanError } {
  try {
    return { plan: planFrom(value, source) };
  } catch (error) {
    if (error instanceof PlanShapeError) return { error: { source, line: null, message: error.message } };
    throw error;
  }
}

/** UTF-8 as `readFileSync(file, 'utf8')` decodes it (invalid bytes replaced, a BOM dropped), in about half its time. */
const UTF8 = new TextDecoder();

/** Where a plan's bytes come from: read in order into a buffer the reader reuses, and all at once for the error of bytes that are not a valid plan. */
export interface PlanBytes {
  /** Writes the next bytes into `into` from its start: how many, 0 at the end. */
  read(into: Uint8Array): number;
  whole(): Uint8Array;
}

/**
 * readPlan of a file's bytes: what the command line and the app read, with the same answer. The
 * members nothing reads (`prior_state`, `planned_values`: about half of a large plan) are checked
 * to be valid JSON but never kept, decoded or parsed; only their presence counts. Bytes that are
 * not one valid JSON object go the way of readPlan, for its error.
 */
export function readPlanStream(bytes: PlanBytes, source: string): { plan: Plan } | { error: PlanError } {
  const members = neededMembers(bytes);
  return members === null ? readPlan(UTF8.decode(bytes.whole()), source) : planOrError(members, source);
}

/** readPlanStream of bytes already in memory. */
export function readPlanBytes(bytes: Uint8Array, source: string): { plan: Plan } | { error: PlanError } {
  let read = 0;
  const next = (into: Uint8Array): number => {
    const count = Math.min(into.length, bytes.length - read);
    into.set(bytes.subarray(read, read + count));
    read += count;
    return count;
  };
  return readPlanStream({ read: next, whole: () => bytes }, source);
}

/** Present in a plan, read by nothing but the check that the document is a plan. */
const UNREAD_MEMBERS: ReadonlySet<string> = new Set(['prior_state', 'planned_values']);

/** How each member is read: `resource_changes`, most of what is read, one change at a time. */
function memberReading(key: string): MemberReading {
  return UNREAD_MEMBERS.has(key) ? 'skip' : key === 'resource_changes' ? 'parse elements' : 'parse';
}

/** The plan's top-level object with its unread members null, or null for anything readPlan must judge. */
function neededMembers(bytes: PlanBytes): JsonObject | null {
  // A BOM, UTF-16 (NULs) or anything but one object is invalid to the scan, and so readPlan's to report or drop.
  const stream = new JsonMemberStream(memberReading);
  for (;;) {
    const count = bytes.read(stream.space());
    if (count === 0 || !stream.wrote(count)) break;
  }
  const members = stream.end();
  if (members === null) return null;
  const object: JsonObject = {};
  // As JSON.parse makes members: own and enumerable whatever the key (`__proto__` too), the last of a name wins.
  for (const { key, value } of members)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Texts that are not a plan's JSON but are often given for one, recognized by how they start. */
const NOT_PLAN_JSON: { starts: (text: string) => boolean; line: number | null; message: string }[] = [
  {
    starts: (text) => text.startsWith('PK\u0003\u0004'),
    line: null,
    message: `this is a binary plan file, not its JSON; ${HOW_TO_PRODUCE.replace('produce it', 'convert it')}`,
  },
  {
    starts: (text) => text.slice(0, 4).includes('\u0000'),
    line: null,
    message:
      "the file is not UTF-8 (UTF-16? Windows PowerShell's > writes UTF-16); write it with `terraform show -json plan.tfplan | Out-File -Encoding utf8 plan.json`",
  },
  {
    starts: (text) => text.startsWith('[command]'),
    line: 1,
    message:
      "this is what hashicorp/setup-terraform's wrapper printed around the plan (it starts with [command]), not the plan's JSON; set `terraform_wrapper: false` on the setup-terraform step",
  },
];

function parseJson(text: string): { value: unknown } | { error: Omit<PlanError, 'source'> } {
  const notPlan = NOT_PLAN_JSON.find((known) => known.starts(text));
  if (notPlan) return { error: { line: notPlan.line, message: notPlan.message } };
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(json) };
  } catch (error) {
    const found = findJsonSyntaxError(json);
    if (!found) return { error: { line: null, message: `invalid JSON: ${(error as Error).message}` } };
    const where = `(line ${found.line}, column ${found.column})`;
    const cutShort = found.offset >= json.length ? '; the file ends too soon: was it written completely?' : '';
    return { error: { line: found.line, message: `invalid JSON: ${found.message} ${where}${cutShort}` } };
  }
}

function planFrom(value: unknown, source: string): Plan {
  const plan = expectPlanObject(value);
  const formatVersion = readFormatVersion(plan);
  // `terraform show -json` of a state has a format_version too, but nothing planned.
  if (!('planned_values' in plan) && !('resource_changes' in plan))
    throw new PlanShapeError(
      '',
      `no planned_values or resource_changes: this is not a plan (a state?); ${HOW_TO_PRODUCE}`,
    );
  const errored = plan.errored ?? false;
  if (typeof errored !== 'boolean')
    throw new PlanShapeError('errored', `expected true or false, got ${kindOf(errored)}`);
  return {
    source,
    formatVersion,
    terraformVersion: optionalString(plan, 'terraform_version', ''),
    resourceChanges: readResourceChanges(plan.resource_changes),
    outputChanges: readOutputChanges(plan.output_changes),
    errored,
    configuredNames: configuredNames(plan.configuration),
  };
}

function expectPlanObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PlanShapeError('', `expected the JSON object of a plan, got ${kindOf(value)}; ${HOW_TO_PRODUCE}`);
  const plan = value as JsonObject;
  if ('plan_format_version' in plan)
    throw new PlanShapeError(
      '',
      `this is HCP Terraform's redacted plan (plan_format_version), not \`terraform show -json\`: sensitive values are hidden from it; ${HOW_TO_PRODUCE}`,
    );
  if ('lineage' in plan && 'serial' in plan)
    throw new PlanShapeError('', `this is a Terraform state file, not a plan; ${HOW_TO_PRODUCE}`);
  return plan;
}

/** `format_version`: 1.x, or 0.x whose fields are a subset of 1.x's. */
function readFormatVersion(plan: JsonObject): string {
  const version = plan.format_version;
  if (version === undefined)
    throw new PlanShapeError(
      'format_version',
      `missing: this is not the output of \`terraform show -json\`; ${HOW_TO_PRODUCE}`,
    );
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version))
    throw new PlanShapeError(
      'format_version',
      `expected a version such as "1.2", got ${typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : kindOf(version)}`,
    );
  const major = Number(version.split('.')[0]);
  if (major > 1)
    throw new PlanShapeError(
      'format_version',
      `plan format ${version} is not supported: Four Eyes reads format 1.x (and 0.x); produce the plan with a Terraform (≥0.12) or OpenTofu whose \`show -json\` writes format 1.x, or upgrade Four Eyes`,
    );
  return version;
}

function readResourceChanges(value: unknown): ResourceChange[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new PlanShapeError('resource_changes', `expected a list of resource changes, got ${kindOf(value)}`);
  const seen = new Map<string, number>();
  return value.map((entry, i) => {
    const path = `resource_changes[${i}]`;
    const change = readResourceChange(entry, path);
    // Two entries for one object would make "what will be done" ambiguous, and the digest depend on their order.
    const key = `${change.address}\u0000${change.deposed ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new PlanShapeError(
        path,
        `${change.address}${change.deposed ? ` (deposed ${change.deposed})` : ''} is already planned at resource_changes[${first}]`,
      );
    seen.set(key, i);
    return change;
  });
}

function readResourceChange(value: unknown, path: string): ResourceChange {
  const entry = expectObject(value, path, 'a resource change');
  const mode = entry.mode;
  if (mode !== 'managed' && mode !== 'data')
    throw new PlanShapeError(
      memberPath(path, 'mode'),
      `expected "managed" or "data", got ${typeof mode === 'string' ? JSON.stringify(mode.slice(0, 20)) : kindOf(mode)}`,
    );
  const index = entry.index ?? null;
  if (index !== null && typeof index !== 'string' && typeof index !== 'number')
    throw new PlanShapeError(
      memberPath(path, 'index'),
      `expected a count index (a number) or a for_each key (a string), got ${kindOf(index)}`,
    );
  return {
    address: requiredString(entry, 'address', path),
    previousAddress: optionalString(entry, 'previous_address', path),
    moduleAddress: optionalString(entry, 'module_address', path),
    mode,
    type: requiredString(entry, 'type', path),
    name: requiredString(entry, 'name', path),
    index,
    providerName: optionalString(entry, 'provider_name', path),
    deposed: optionalString(entry, 'deposed', path),
    actionReason: optionalString(entry, 'action_reason', path),
    change: readChange(entry.change, memberPath(path, 'change')),
  };
}

/** `output_changes`: an object keyed by output name, sorted by name (UTF-16 code units, not the locale). */
function readOutputChanges(value: unknown): OutputChange[] {
  if (value === undefined || value === null) return [];
  const outputs = expectObject(value, 'output_changes', 'a map of output names to changes');
  return Object.keys(outputs)
    .sort()
    .map((name) => ({ name, change: readChange(outputs[name], memberPath('output_changes', name)) }));
}
