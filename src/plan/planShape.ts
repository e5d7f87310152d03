/**
 * Checking the parsed plan's shape field by field: each failure names its JSON path
 * (`resource_changes[3].change.actions`) and what was expected there.
 */
export class PlanShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path === '' ? message : `${path}: ${message}`);
  }
}

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of a member: `.name` when it reads as an identifier, `["a name"]` otherwise. */
export function memberPath(path: string, key: string): string {
  const step = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return path === '' ? step.replace(/^\./, '') : path + step;
}

/** What a value is, for a message: its kind, never its content (a plan holds secrets). */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : 'a string';
}

export function expectObject(value: unknown, path: string, what: string): JsonObject {
  if (!isObject(value)) throw new PlanShapeError(path, `expected ${what} (an object), got ${kindOf(value)}`);
  return value;
}

/** A required non-empty string member. */
export function requiredString(object: JsonObject, key: string, path: string): string {
  const value = object[key];
  if (typeof value === 'string' && value !== '') return value;
  const got = value === '' ? 'an empty string' : kindOf(value);
  throw new PlanShapeError(memberPath(path, key), `expected a non-empty string, got ${got}`);
}

/** An optional string member: absent (or null, as some writers put it) is null. */
export function optionalString(object: JsonObject, key: string, path: string): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  throw new PlanShapeError(memberPath(path, key), `expected a string, got ${kindOf(value)}`);
}
