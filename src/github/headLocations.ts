import { deserialize, serialize } from 'node:v8';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { ObjectKind } from '../terraform/inventory.js';
import type { Attribute } from '../terraform/model.js';

/** The head's objects as the plan locator reads them: where each is, and the source of each module call. */
export type HeadLocations = Map<string, Map<string, ComparableObject>>;

/**
 * HeadLocations as bytes, to cross from the worker (moved, not copied) and be read on the app's
 * side only if a plan needs them. One row of plain values per object: tens of thousands of
 * objects written key by key took `v8.serialize` four times as long, and four times the bytes.
 */
export type PackedHeadLocations = Uint8Array;

/** kind, module (null: the directory's), address, ref's module and address (null: the object's), file, range, files (null: [file]), module call sources (null: none) */
type Row = [
  ObjectKind,
  string | null,
  string,
  string | null,
  string | null,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  string[] | null,
  Attribute[] | null,
];

/** `locations` must be as the worker keeps them: each module's objects under its directory and address. */
export function packHeadLocations(locations: HeadLocations): PackedHeadLocations {
  const modules: [string, Row[]][] = [];
  for (const [dir, objects] of locations) {
    const rows: Row[] = [];
    for (const object of objects.values()) {
      const { ref } = object;
      const { start, end } = ref.range;
      rows.push([
        object.kind,
        object.module === dir ? null : object.module,
        object.address,
        ref.module === object.module ? null : ref.module,
        ref.address === object.address ? null : ref.address,
        ref.file,
        start.line,
        start.column,
        start.offset,
        end.line,
        end.column,
        end.offset,
        object.files.length === 1 && object.files[0] === ref.file ? null : object.files,
        ref.body.attributes.length === 0 ? null : ref.body.attributes,
      ]);
    }
    modules.push([dir, rows]);
  }
  return serialize(modules);
}

export function unpackHeadLocations(packed: PackedHeadLocations): HeadLocations {
  const locations: HeadLocations = new Map();
  for (const [dir, rows] of deserialize(packed) as [string, Row[]][]) {
    const objects = new Map<string, ComparableObject>();
    for (const [kind, module, address, refModule, refAddress, file, sl, sc, so, el, ec, eo, files, sources] of rows) {
      objects.set(address, {
        kind,
        module: module ?? dir,
        address,
        ref: {
          module: refModule ?? module ?? dir,
          address: refAddress ?? address,
          file,
          range: { start: { line: sl, column: sc, offset: so }, end: { line: el, column: ec, offset: eo } },
          body: { attributes: sources ?? [], blocks: [] },
        },
        files: files ?? [file],
      });
    }
    locations.set(dir, objects);
  }
  return locations;
}
