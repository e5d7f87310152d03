import type { Change, ObjectRef } from '../change/changeSet.js';
import { changedPaths } from '../terraform/attributeDiff.js';
import type { Body } from '../terraform/model.js';
import type { JsonValue, OutputChange, Plan, PlannedChange, ResourceChange } from './planModel.js';
import { lineRange, valueBody } from './valueBody.js';
import { markedPaths, WHOLE_OBJECT } from './valueMarks.js';

/** One planned change of one object, as the classifier reads changes, with what only a plan knows. */
export interface PlanObjectChange {
  change: Change;
  /** the instance's full address in state (`module.app.aws_s3_bucket.logs["eu"]`) */
  stateAddress: string;
  /** the configuration's address: no instance keys (`module.app.aws_s3_bucket.logs`) */
  configAddress: string;
  /** paths known only after apply that the code sets (see unknownThatCounts) */
  unknownPaths: string[];
}

/** Where the plan's objects are in the code, when the edge can tell. */
export type PlanObjectLocator = (configAddress: string) => { module: string; file: string; line: number } | null;

/** Whether any rule could judge a change of this shape: a data source read none asks about is never built. */
export type ChangeShapeJudged = (shape: Pick<Change, 'kind' | 'action' | 'address'>) => boolean;

/**
 * The changes a plan makes, one per object and action, in the change set's terms: a replacement
 * is a delete and a create of the same address (so destruction rules fire); a move
 * (`previous_address`) and an import are their own actions, and an update that comes with one is
 * also an update; a data source read is `read` (judged only by rules that ask for it); `no-op`
 * gives nothing. Made one plan entry at a time, as they are asked for.
 */
export function* planChanges(
  plan: Plan,
  locate: PlanObjectLocator = () => null,
  judged: ChangeShapeJudged = () => true,
): Generator<PlanObjectChange> {
  // One entry at a time: a change's bodies can be collected once it is judged, so a large plan's
  // values never all exist twice (parsed and as bodies) at once.
  for (const entry of plan.resourceChanges) yield* resourceChanges(plan, entry, locate, judged);
  for (const output of plan.outputChanges) yield* outputChanges(plan, output);
}

function resourceChanges(
  plan: Plan,
  entry: ResourceChange,
  locate: PlanObjectLocator,
  judged: ChangeShapeJudged,
): PlanObjectChange[] {
  const { change } = entry;
  const { kind, local, make, before, after, unknownPaths } = entryChanges(plan, entry, locate);
  switch (change.action) {
    case 'no-op': {
      const out: PlanObjectChange[] = [];
      if (entry.previousAddress) out.push(make('move', { base: before(), head: after() }, []));
      if (change.importing) out.push(make('import', { head: after() }, []));
      return out;
    }
    case 'read':
      // Most plans read many data sources, and no built-in rule judges a read.
      return judged({ kind, action: 'read', address: local }) ? [make('read', { head: after() }, [])] : [];
    case 'create':
      return [make('create', { head: after() }, [])];
    case 'delete':
      return [make('delete', { base: before() }, [])];
    case 'update': {
      const base = before();
      const head = after();
      const out = [
        make(entry.previousAddress ? 'move' : 'update', { base, head }, updatedPaths(base, head, unknownPaths())),
      ];
      if (change.importing) out.unshift(make('import', { head }, []));
      return out;
    }
    case 'delete-then-create':
    case 'create-then-delete':
      return [make('delete', { base: before() }, []), make('create', { head: after() }, [])];
    case 'forget':
      return [forgotten(make('create', { head: { attributes: [], blocks: [] } }, []))];
    case 'create-then-forget':
    case 'forget-then-create':
      // The old object stays, unmanaged, and a new one is made: both are judged.
      return [
        forgotten(make('create', { head: { attributes: [], blocks: [] } }, [])),
        make('create', { head: after() }, []),
      ];
  }
}

/**
 * An object the plan forgets, judged as the `removed` block that forgets it (as the configuration
 * is, flow/compareInstances.ts): Terraform stops managing it and destroys nothing.
 */
function forgotten(made: PlanObjectChange): PlanObjectChange {
  const address = `removed.${made.change.address}`;
  const head = made.change.head && { ...made.change.head, address };
  return { ...made, change: { ...made.change, kind: 'removed', address, ...(head ? { head } : {}) } };
}

/**
 * How one resource entry's changes are made, whatever its action: where its object is in the
 * code, and its sides and unknown paths read only when a change asks for them.
 */
function entryChanges(plan: Plan, entry: ResourceChange, locate: PlanObjectLocator) {
  const { change } = entry;
  const configAddress = withoutInstanceKeys(entry.address);
  const located = locate(configAddress);
  const module = located?.module ?? entry.moduleAddress ?? '.';
  const range = lineRange(located?.line ?? 1);
  const local = entry.moduleAddress ? entry.address.slice(entry.moduleAddress.length + 1) : entry.address;
  const ref = (body: Body): ObjectRef => ({
    module,
    address: local,
    file: located?.file ?? plan.source,
    range,
    body,
  });
  const kind: Change['kind'] = entry.mode === 'data' ? 'data' : 'resource';
  const make = (action: Change['action'], sides: { base?: Body; head?: Body }, paths: string[]): PlanObjectChange => ({
    change: {
      kind,
      module,
      address: local,
      action,
      changedPaths: paths,
      ...(sides.base ? { base: ref(sides.base) } : {}),
      ...(sides.head ? { head: ref(sides.head) } : {}),
      instances: [{ root: plan.source, address: entry.address }],
      ...(action === 'move' && entry.previousAddress
        ? { from: { module, address: entry.previousAddress }, renameOnly: true }
        : {}),
    },
    stateAddress: entry.address,
    configAddress,
    unknownPaths: unknownPaths(),
  });
  let unknown: string[] | undefined;
  const unknownPaths = () => {
    unknown ??= unknownThatCounts(change, plan, configAddress);
    return unknown;
  };
  const before = () => valueBody(change.before, false, range);
  const after = () => valueBody(change.after, change.afterUnknown, range);
  return { kind, local, make, before, after, unknownPaths };
}

function outputChanges(plan: Plan, output: OutputChange): PlanObjectChange[] {
  const action = output.change.action;
  if (action !== 'create' && action !== 'update' && action !== 'delete') return [];
  const body = (value: JsonValue): Body => valueBody({ value });
  const ref = (side: Body): ObjectRef => ({
    module: '.',
    address: `output.${output.name}`,
    file: plan.source,
    range: lineRange(1),
    body: side,
  });
  const base = action === 'create' ? undefined : body(output.change.before);
  const head = action === 'delete' ? undefined : body(output.change.after);
  return [
    {
      change: {
        kind: 'output',
        module: '.',
        address: `output.${output.name}`,
        action,
        changedPaths: base && head ? changedPaths(base, head) : [],
        ...(base ? { base: ref(base) } : {}),
        ...(head ? { head: ref(head) } : {}),
        instances: [{ root: plan.source, address: `output.${output.name}` }],
      },
      stateAddress: `output.${output.name}`,
      configAddress: `output.${output.name}`,
      unknownPaths: output.change.afterUnknown === true ? [WHOLE_OBJECT] : [],
    },
  ];
}

/** What an update changes: paths whose values differ, and those the code sets that become unknown. */
function updatedPaths(base: Body, head: Body, unknown: readonly string[]): string[] {
  const paths = new Set(changedPaths(base, head));
  for (const path of unknown) if (path !== WHOLE_OBJECT) paths.add(path);
  return [...paths].sort();
}

/**
 * Values known only after apply that the author could have written: attributes the code sets,
 * and nested blocks. Attributes the provider computes (`id`, `arn`) are unknown on every create
 * and say nothing about the change. Without the plan's configuration, every unknown counts.
 */
function unknownThatCounts(change: PlannedChange, plan: Plan, configAddress: string): string[] {
  const unknown = markedPaths(change.after, change.afterUnknown);
  const configured = plan.configuredNames?.[configAddress];
  if (configured === undefined) return unknown;
  const names = new Set(configured);
  return unknown.filter((path) => path === WHOLE_OBJECT || names.has(topName(path)) || path.includes('['));
}

function topName(path: string): string {
  return path.split(/[.[]/, 1)[0]!;
}

/** `module.app["eu"].aws_s3_bucket.logs[0]` → `module.app.aws_s3_bucket.logs`. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
}
