/**
 * A JSON document as written, with the source offsets of every value and property name:
 * what `JSON.parse` cannot give. Offsets (`start` inclusive, `end` exclusive) rather than
 * line/column ranges keep the tree cheap; the Terraform reader turns the ones it keeps into
 * ranges. Object members keep their order and duplicates (which are
 * reported, not dropped), because Terraform reads the file member by member.
 */
export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull | JsonInvalid;

export interface JsonObject {
  kind: 'object';
  members: JsonMember[];
  start: number;
  end: number;
}

export interface JsonMember {
  key: JsonString;
  value: JsonValue;
}

export interface JsonArray {
  kind: 'array';
  items: JsonValue[];
  start: number;
  end: number;
}

export interface JsonString {
  kind: 'string';
  /** the decoded value */
  value: string;
  /** from the opening quote to just after the closing quote */
  start: number;
  end: number;
  /**
   * Present only when the source spelled the value with escapes (so offsets inside the value
   * differ from the source): the source offset of each UTF-16 unit of `value`, plus one entry
   * for the end (the closing quote).
   */
  offsets?: number[];
}

interface JsonNumber {
  kind: 'number';
  value: number;
  start: number;
  end: number;
}

interface JsonBoolean {
  kind: 'boolean';
  value: boolean;
  start: number;
  end: number;
}

interface JsonNull {
  kind: 'null';
  start: number;
  end: number;
}

/** What a syntax error left behind; the document always has an error diagnostic for it. */
interface JsonInvalid {
  kind: 'invalid';
  start: number;
  end: number;
}

/** How a JSON value is called in messages ("a number", "an array"). */
export function describeJsonValue(value: JsonValue): string {
  switch (value.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'invalid':
      return 'an invalid value';
  }
}
