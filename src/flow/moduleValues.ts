import type { Expression, Range } from '../terraform/model.js';
import { TERRAGRUNT_CALL, TERRAGRUNT_DEPENDENCY } from '../terraform/terragrunt.js';
import { anyKey, anyOf } from './anyEntry.js';
import { STATE_READERS } from './remoteState.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope, Resolved } from './scope.js';
import type { SourceLink } from './sources.js';

/** `module.m.out` of a local module: the output's value, read inside that call. */
export function moduleOutput(
  resolver: Resolver,
  callName: string,
  output: string,
  scope: ModuleScope,
): Resolved | null {
  const suffix = `\u0000module\u0000${callName}\u0000${output}`;
  const known = resolver.known(scope, suffix, 'output', `${callName}.${output}`);
  if (known) return known;
  const inner = resolver.callScope(scope, callName);
  const declaration = inner && resolver.side.modules.get(inner.dir)?.get(`output.${output}`);
  const value = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'value');
  if (!inner || !declaration || !value) return null;
  return resolver.deeper(() => {
    const node = resolver.node(
      `output|${inner.key}|${output}`,
      `${scope.callPath}module.${callName}.${output}`,
      declaration.ref.file,
      value.range.start.line,
      value.text,
    );
    // `value = aws_s3_bucket.this` whole: the object of its arguments (wholeResourceValue).
    return resolver.remember(scope, suffix, resolver.givenWhole(resolver.through([node], value.expr, inner), inner));
  });
}

/**
 * `module.m` of a local module: an object of every output's value, each read inside that call.
 * Memoized, so every reference shares one object (its canonical text is computed once), and
 * its sources hang below one link: a whole call merged into a map read by a thousand objects
 * costs one link per reader, not one per output.
 */
export function moduleOutputs(resolver: Resolver, callName: string, scope: ModuleScope, range: Range): Resolved | null {
  const suffix = `\u0000outputs\u0000${callName}`;
  const known = resolver.known(scope, suffix, 'outputs', callName);
  if (known) return known;
  const inner = resolver.callScope(scope, callName);
  const objects = inner && resolver.side.modules.get(inner.dir);
  if (!inner || !objects) return null;
  const links: SourceLink[] = [];
  const items: { key: Expression; value: Expression }[] = [];
  for (const address of objects.keys()) {
    if (!address.startsWith('output.')) continue;
    const name = address.slice('output.'.length);
    const output = moduleOutput(resolver, callName, name, scope);
    if (!output) continue;
    links.push(...output.links);
    items.push({ key: { kind: 'variable', name, range: output.expr.range }, value: output.expr });
  }
  // The call itself is no source (its digest never differs); the outputs below it are.
  const call = resolver.node(`outputs|${inner.key}`, `${scope.callPath}module.${callName}`, inner.dir, 1, '');
  return resolver.remember(scope, suffix, {
    expr: { kind: 'object', items, range },
    links: [{ node: call, next: links }],
  });
}

/**
 * `module.m` as a value: the object of its outputs, or for a call with count or for_each a
 * collection of such objects under keys known only at apply time, so `local.all[k].out`
 * reads that output of any instance.
 */
export function wholeCall(resolver: Resolver, callName: string, scope: ModuleScope, range: Range): Resolved | null {
  const outputs = moduleOutputs(resolver, callName, scope, range);
  const call = resolver.side.modules.get(scope.dir)?.get(`module.${callName}`);
  const expanded = call?.ref.body.attributes.some((a) => a.name === 'for_each' || a.name === 'count');
  if (!outputs || !expanded) return outputs;
  const suffix = `\u0000instances\u0000${callName}`;
  const known = resolver.known(scope, suffix, 'outputs', callName);
  if (known) return known;
  return resolver.remember(scope, suffix, {
    ...outputs,
    expr: { kind: 'object', items: [{ key: anyKey(range), value: outputs.expr }], range },
  });
}

/**
 * `data.terraform_remote_state.n.outputs`, `data.tfe_outputs.n.values`, or `…n[0].outputs` of one
 * with count or for_each (see remoteOutputs); null for any other attribute reference.
 */
export function stateOutputs(
  resolver: Resolver,
  expr: Extract<Expression, { kind: 'getAttr' }>,
  scope: ModuleScope,
): Resolved | null {
  const stateData = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (stateData.kind !== 'getAttr') return null;
  const reader = stateReaderType(stateData.target);
  if (reader === null || !STATE_READERS.get(reader)?.includes(expr.name)) return null;
  return remoteOutputs(resolver, reader, stateData.name, scope, expr.range);
}

/**
 * `data.terraform_remote_state.<name>.outputs` of a state another root of the tree keeps: an
 * object of that root's outputs, each read in the root with its auto-loaded values, so a
 * changed output reaches what reads it here (`.outputs.admin_cidrs` in an ingress rule).
 */
function remoteOutputs(
  resolver: Resolver,
  type: string,
  dataName: string,
  scope: ModuleScope,
  range: Range,
): Resolved | null {
  const suffix = `\u0000remote\u0000${type}\u0000${dataName}`;
  const known = resolver.known(scope, suffix);
  if (known) return known;
  const states = resolver.inRemoteRoots(scope, type, dataName, (remote) => {
    const links: SourceLink[] = [];
    const items: { key: Expression; value: Expression }[] = [];
    for (const [address, declaration] of resolver.side.modules.get(remote.dir) ?? []) {
      if (!address.startsWith('output.')) continue;
      const value = declaration.ref.body.attributes.find((attribute) => attribute.name === 'value');
      if (!value) continue;
      const name = address.slice('output.'.length);
      const node = resolver.node(
        `output|${remote.key}|${name}`,
        `${remote.root}: output.${name}`,
        declaration.ref.file,
        value.range.start.line,
        value.text,
      );
      const output = resolver.through([node], value.expr, remote);
      links.push(...output.links);
      items.push({ key: { kind: 'variable', name, range: output.expr.range }, value: output.expr });
    }
    // A Terragrunt deployment's outputs are those of the module it runs (terraform/terragrunt.ts).
    const deployment = items.length === 0 ? wholeCall(resolver, TERRAGRUNT_CALL, remote, range) : null;
    if (deployment) links.push(...deployment.links);
    // The data source itself is no source; the other root's outputs below it are.
    const data = resolver.side.modules.get(scope.dir)?.get(`data.${type}.${dataName}`);
    const state = resolver.node(
      `remote|${scope.key}|${type}|${dataName}`,
      `${scope.callPath}data.${type}.${dataName} (the state of ${remote.root})`,
      data?.ref.file ?? scope.dir,
      data?.ref.range.start.line ?? 1,
      '',
    );
    const resolved: Resolved = {
      expr: deployment ? deployment.expr : { kind: 'object', items, range },
      links: [{ node: state, next: links }],
    };
    return resolved;
  });
  if (states.length === 0) return null;
  if (states.length === 1) return resolver.remember(scope, suffix, states[0]!);
  // Several roots may keep the state read: any one's outputs.
  const expr = anyOf(
    states.map((state) => state.expr),
    range,
  );
  return resolver.remember(scope, suffix, { expr, links: states.flatMap((state) => state.links) });
}

/** `m` of `module.m`, else null. */
export function moduleCallName(expr: Expression): string | null {
  return expr.kind === 'getAttr' && expr.target.kind === 'variable' && expr.target.name === 'module' ? expr.name : null;
}

/** `data.terraform_remote_state`, `data.tfe_outputs`: the type of a state reader a reference starts with, or null. */
function stateReaderType(expr: Expression): string | null {
  // Terragrunt's `dependency.vpc.outputs` (terraform/terragrunt.ts).
  if (expr.kind === 'variable' && expr.name === 'dependency') return TERRAGRUNT_DEPENDENCY;
  return expr.kind === 'getAttr' &&
    STATE_READERS.has(expr.name) &&
    expr.target.kind === 'variable' &&
    expr.target.name === 'data'
    ? expr.name
    : null;
}
