import type { JsonValue, PlanActionName, PlannedAction, PlannedChange, ValueMarks } from './planModel.js';
import { expectObject, isObject, kindOf, memberPath, PlanShapeError } from './planShape.js';

/** The only lists of action names Terraform writes in `change.actions`, and our action for each. */
const ACTION_LISTS: [PlanActionName[], PlannedAction][] = [
  [['no-op'], 'no-op'],
  [['create'], 'create'],
  [['read'], 'read'],
  [['update'], 'update'],
  [['delete'], 'delete'],
  [['delete', 'create'], 'delete-then-create'],
  [['create', 'delete'], 'create-then-delete'],
  [['forget'], 'forget'],
  // A replacement whose old object is forgotten, not destroyed (`lifecycle { destroy = false }`, Terraform 1.14+).
  [['create', 'forget'], 'create-then-forget'],
  [['forget', 'create'], 'forget-then-create'],
];

const ACTIONS = new Map(ACTION_LISTS.map(([names, action]) => [names.join(','), action]));

const EXPECTED_ACTIONS = ACTION_LISTS.map(([names]) => JSON.stringify(names)).join(', ');

/**
 * A change representation (`change` of a resource change, or an output change), with the fields
 * older formats lack defaulted: no marks, no replace paths, no import. `before` and `after` are
 * the parsed values themselves, not copies: a plan's values are most of its size.
 */
export function readChange(value: unknown, path: string): PlannedChange {
  const change = expectObject(value, path, 'a change');
  // Each member's path is built only for its error: a large plan has tens of thousands of changes.
  return {
    action: readActions(change.actions, path),
    before: (change.before ?? null) as JsonValue,
    after: (change.after ?? null) as JsonValue,
    afterUnknown: readMarks(change.after_unknown, path, 'after_unknown'),
    beforeSensitive: readMarks(change.before_sensitive, path, 'before_sensitive'),
    afterSensitive: readMarks(change.after_sensitive, path, 'after_sensitive'),
    replacePaths: readReplacePaths(change.replace_paths, path),
    importing: readImporting(change.importing, path),
  };
}

function readActions(value: unknown, changePath: string): PlannedAction {
  const path = () => memberPath(changePath, 'actions');
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string'))
    throw new PlanShapeError(path(), `expected a list of action names such as ["update"], got ${kindOf(value)}`);
  const action = ACTIONS.get(value.join(','));
  if (action) return action;
  const got = JSON.stringify(value).slice(0, 80);
  throw new PlanShapeError(path(), `expected one of ${EXPECTED_ACTIONS}, got ${got}`);
}

/**
 * `after_unknown` or a `*_sensitive` mirror. Absent (formats 0.1, 0.2) or null marks nothing.
 * Checked through to every leaf: a mark the classifier cannot read must not hide an unknown value.
 */
function readMarks(value: unknown, changePath: string, key: string): ValueMarks {
  if (value === undefined || value === null) return false;
  // The walk that names where a mark is wrong runs only when one is.
  if (!areMarks(value)) checkMarks(value, memberPath(changePath, key));
  return value as ValueMarks;
}

function areMarks(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!areMarks(value[i])) return false;
    return true;
  }
  if (!isObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !areMarks(value[key])) return false;
  return true;
}

function checkMarks(value: unknown, path: string): void {
  if (typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkMarks(value[i], `${path}[${i}]`);
    return;
  }
  if (!isObject(value))
    throw new PlanShapeError(path, `expected true, false, an array or an object of marks, got ${kindOf(value)}`);
  for (const key of Object.keys(value)) checkMarks(value[key], memberPath(path, key));
}

/** `replace_paths`: a list of attribute paths, each a list of attribute names and indexes. */
function readReplacePaths(value: unknown, changePath: string): (string | number)[][] {
  if (value === undefined || value === null) return [];
  const path = memberPath(changePath, 'replace_paths');
  if (!Array.isArray(value)) throw new PlanShapeError(path, `expected a list of attribute paths, got ${kindOf(value)}`);
  value.forEach((step, i) => {
    if (!Array.isArray(step) || !step.every((part) => typeof part === 'string' || typeof part === 'number'))
      throw new PlanShapeError(`${path}[${i}]`, 'expected an attribute path (a list of names and indexes)');
  });
  return value as (string | number)[][];
}

/**
 * `importing`: `{ "id": ... }`, `{ "identity": {...} }` (Terraform 1.12+), or `{ "unknown": true }`
 * when the import id is known only at apply.
 */
function readImporting(value: unknown, changePath: string): PlannedChange['importing'] {
  if (value === undefined || value === null) return null;
  const path = memberPath(changePath, 'importing');
  const importing = expectObject(value, path, 'the import of an existing object');
  const id = importing.id ?? null;
  if (id !== null && typeof id !== 'string')
    throw new PlanShapeError(memberPath(path, 'id'), `expected a string, got ${kindOf(id)}`);
  const identity = importing.identity;
  return identity === undefined || identity === null ? { id } : { id, identity: identity as JsonValue };
}
