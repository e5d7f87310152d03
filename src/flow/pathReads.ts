import type { Expression } from '../terraform/model.js';
import { either, NOTHING, type Reads } from './reachInputs.js';
import type { ModuleScope } from './scope.js';

/**
 * The part of a value that is read: attribute names and keys, outermost first; ANY for a key
 * known only when the value is (`[each.key]`). Empty: the whole value.
 */
export type ReadPath = readonly string[];
export const ANY = '*';
export const WHOLE: ReadPath = [];

/** Paths longer than this are cut: a shorter path reads more, so the answer stays true. */
const MAX_PATH = 4;

/** `var.x.a[k].b`, `local.x…`, `module.m…`: the named value and the part of it read. */
export interface ReferenceChain {
  root: 'var' | 'local' | 'module';
  name: string;
  path: ReadPath;
  /** the keys of the chain's indexes: what they read picks the part */
  keys: Expression[];
}

/** The reference an attribute or index chain reads (part of, when its path is not empty); null when it starts elsewhere. */
export function referenceChain(expr: Expression): ReferenceChain | null {
  const path: string[] = [];
  const keys: Expression[] = [];
  let at = expr;
  for (;;) {
    if (at.kind === 'getAttr') {
      if (at.target.kind === 'variable') {
        const root = at.target.name;
        if (root !== 'var' && root !== 'local' && root !== 'module') return null;
        path.reverse();
        return { root, name: at.name, path: path.slice(0, MAX_PATH), keys };
      }
      path.push(at.name);
      at = at.target;
    } else if (at.kind === 'index') {
      keys.push(at.key);
      path.push(at.key.kind === 'literal' && typeof at.key.value === 'string' ? at.key.value : ANY);
      at = at.target;
    } else if (at.kind === 'parens') {
      at = at.inner;
    } else {
      return null;
    }
  }
}

/** What ValueReach answers for the projection: whole expressions, and parts of references. */
export interface PathReader {
  whole(expr: Expression, scope: ModuleScope): Reads;
  chain(chain: ReferenceChain, scope: ModuleScope): Reads;
}

/** Functions whose result is one of their arguments (or, for merge, made of theirs): a part of it is that part of one. */
const PASSING: ReadonlySet<string> = new Set(['merge', 'try', 'coalesce', 'tomap', 'toobject']);

/**
 * What reading `path` of `expr` in `scope` reads: an object's item under that key, the same part
 * of each argument of a function that passes its arguments on, both branches of a conditional
 * (and its condition whole), a reference's part (ReferenceChain). Anything else is read whole,
 * which reads more: never less than the value itself does.
 */
export function projectedReads(expr: Expression, scope: ModuleScope, path: ReadPath, reader: PathReader): Reads {
  if (path.length === 0) return reader.whole(expr, scope);
  switch (expr.kind) {
    case 'parens':
      return projectedReads(expr.inner, scope, path, reader);
    case 'object': {
      const [key, ...rest] = path;
      let reads: Reads = NOTHING;
      for (const item of expr.items) {
        const name = staticKey(item.key);
        if (name !== null && key !== ANY && name !== key) continue;
        if (name === null) reads = either(reads, reader.whole(item.key, scope));
        reads = either(reads, projectedReads(item.value, scope, rest, reader));
        if (reads === true) return true;
      }
      return reads;
    }
    case 'conditional':
      return either(
        reader.whole(expr.cond, scope),
        either(projectedReads(expr.then, scope, path, reader), projectedReads(expr.else, scope, path, reader)),
      );
    case 'call': {
      if (expr.expandFinal) return reader.whole(expr, scope);
      if (PASSING.has(expr.name)) return allProjected(expr.args, scope, path, reader);
      // lookup(map, key, default): the key's entry of the map, or the default.
      if (expr.name === 'lookup' && expr.args.length >= 2) {
        const [map, key, fallback] = expr.args as [Expression, Expression, Expression | undefined];
        const entry = key.kind === 'literal' && typeof key.value === 'string' ? key.value : ANY;
        let reads = either(reader.whole(key, scope), projectedReads(map, scope, [entry, ...path], reader));
        if (fallback) reads = either(reads, projectedReads(fallback, scope, path, reader));
        return reads;
      }
      return reader.whole(expr, scope);
    }
    case 'getAttr':
    case 'index': {
      const chain = referenceChain(expr);
      if (chain === null) return reader.whole(expr, scope);
      const longer = { ...chain, path: [...chain.path, ...path].slice(0, MAX_PATH) };
      return either(allWhole(chain.keys, scope, reader), reader.chain(longer, scope));
    }
    default:
      return reader.whole(expr, scope);
  }
}

/** A chain read in an expression: its keys whole, and its part. */
export function chainReads(chain: ReferenceChain, scope: ModuleScope, reader: PathReader): Reads {
  return either(allWhole(chain.keys, scope, reader), reader.chain(chain, scope));
}

function allProjected(args: readonly Expression[], scope: ModuleScope, path: ReadPath, reader: PathReader): Reads {
  let reads: Reads = NOTHING;
  for (const arg of args) {
    reads = either(reads, projectedReads(arg, scope, path, reader));
    if (reads === true) return true;
  }
  return reads;
}

function allWhole(exprs: readonly Expression[], scope: ModuleScope, reader: PathReader): Reads {
  let reads: Reads = NOTHING;
  for (const expr of exprs) {
    reads = either(reads, reader.whole(expr, scope));
    if (reads === true) return true;
  }
  return reads;
}

/** An object key written as a name or a string: the attribute it sets. */
function staticKey(key: Expression): string | null {
  if (key.kind === 'variable') return key.name;
  if (key.kind === 'literal' && typeof key.value === 'string') return key.value;
  return null;
}

/** A memo key's part for a path: empty for the whole value. */
export function pathKey(path: ReadPath): string {
  return path.length === 0 ? '' : '\u0001' + path.join('\u0001');
}
