import { keepWrittenIn } from '../terraform/comparableObjects.js';
import type { Attribute, Block, Body, Expression } from '../terraform/model.js';
import { literalValue } from '../terraform/printer.js';
import { isAnyOf } from './anyEntry.js';
import { chartSources } from './chartFiles.js';
import { compactText } from './compactText.js';
import { foldedDecode } from './decodedCalls.js';
import { filesNamedIn, type PathScope } from './fileFunctions.js';
import type { Resolver } from './resolver.js';
import { guessedRunSources } from './runGuesses.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink, SourceNode } from './sources.js';
import { foldedCall } from './staticCalls.js';
import { writtenScripts } from './writtenScripts.js';

export interface ResolvedBody {
  body: Body;
  /** the sources each resolved attribute read, by attribute path (the change set's path scheme) */
  chains: Map<string, SourceLink[]>;
}

/** Nested blocks that occur once, whose paths carry no index (as in terraform/attributeDiff.ts). */
const SINGLE_BLOCKS: ReadonlySet<string> = new Set(['lifecycle', 'connection', 'content']);
/** Arguments of a provisioner that name what it runs. */
const RUN_ARGUMENTS: ReadonlySet<string> = new Set(['command', 'interpreter', 'script', 'scripts', 'inline']);

/** What in an object's body runs programs: provisioner commands, and an external program. */
export interface RunContext {
  /** `data "external"` / `resource "external"`: its `program` runs during plan */
  externalProgram: boolean;
  /** resolve only these top-level attributes (a local module call: its inputs take effect inside it) */
  only?: ReadonlySet<string>;
  /** a `helm_release`: a `chart` that is a directory of the tree is the release's content (every file in it), and its `values` are YAML */
  helmRelease?: boolean;
}

/**
 * An object's body with every attribute's references resolved (see Resolver). Attributes that
 * read nothing resolvable are the original objects, so an unchanged body costs little. A script
 * a provisioner or an external program runs is part of the attribute's value: when its content
 * changes, so does the attribute.
 */
export function resolveBody(body: Body, scope: ModuleScope, resolver: Resolver, run: RunContext): ResolvedBody {
  const chains = new Map<string, SourceLink[]>();
  const resolved = resolveInner(body, '', false, scope, resolver, run, chains);
  return { body: resolved, chains };
}

function resolveInner(
  body: Body,
  prefix: string,
  inProvisioner: boolean,
  scope: ModuleScope,
  resolver: Resolver,
  run: RunContext,
  chains: Map<string, SourceLink[]>,
  contentIterator: { name: string; forEach: Expression } | null = null,
): Body {
  let changed = false;
  const attributes = body.attributes.map((attribute) => {
    if (prefix === '' && run.only && !run.only.has(attribute.name)) return attribute;
    // `depends_on = [module.m]` orders; it reads no value, so m's outputs are not resolved into it.
    if (prefix === '' && attribute.name === 'depends_on') return attribute;
    const runs =
      (inProvisioner && RUN_ARGUMENTS.has(attribute.name)) ||
      (run.externalProgram && prefix === '' && attribute.name === 'program');
    const chart = run.helmRelease === true && prefix === '' && attribute.name === 'chart';
    const values = run.helmRelease === true && prefix === '' && attribute.name === 'values';
    const next = resolveAttribute(attribute, prefix + attribute.name, runs, scope, resolver, chains, chart, values);
    if (next === attribute) return attribute;
    changed = true;
    return keepWrittenIn(attribute, next);
  });
  if (prefix === '' && run.only) return changed ? { attributes, blocks: body.blocks } : body;
  const counters = new Map<string, number>();
  const blocks = body.blocks.map((block): Block => {
    const base = block.labels.length ? `${block.type}.${block.labels.join('.')}` : block.type;
    const index = counters.get(base) ?? 0;
    counters.set(base, index + 1);
    const segment = SINGLE_BLOCKS.has(block.type) && block.labels.length === 0 ? base : `${base}[${index}]`;
    const readInner = () =>
      resolveInner(
        block,
        prefix + segment + '.',
        inProvisioner || block.type === 'provisioner',
        scope,
        resolver,
        run,
        chains,
        dynamicIterator(block),
      );
    // The iterator is bound in the content only: the dynamic block's own for_each reads the names outside it.
    const iterator = block.type === 'content' ? contentIterator : null;
    const inner = iterator ? resolver.withIterator(iterator.name, iterator.forEach, scope, readInner) : readInner();
    if (inner.attributes === block.attributes && inner.blocks === block.blocks) return block;
    changed = true;
    return keepWrittenIn(block, { ...block, attributes: inner.attributes, blocks: inner.blocks });
  });
  return changed ? { attributes, blocks } : body;
}

/** A `dynamic` block's iterator (its `iterator` name, else its label) and for_each; null for any other block. */
function dynamicIterator(block: Block): { name: string; forEach: Expression } | null {
  if (block.type !== 'dynamic' || block.labels.length !== 1) return null;
  const forEach = block.attributes.find((attribute) => attribute.name === 'for_each')?.expr;
  const named = block.attributes.find((attribute) => attribute.name === 'iterator')?.expr;
  if (!forEach) return null;
  if (named && named.kind !== 'variable') return null;
  return { name: named?.kind === 'variable' ? named.name : block.labels[0]!, forEach };
}

function resolveAttribute(
  attribute: Attribute,
  path: string,
  runs: boolean,
  scope: ModuleScope,
  resolver: Resolver,
  chains: Map<string, SourceLink[]>,
  chart = false,
  helmValues = false,
): Attribute {
  const resolved = resolver.resolveShared(attribute.expr, scope);
  let expr = helmValues ? decodedValues(resolved.expr) : resolved.expr;
  const found = [...resolved.links];
  if (runs || chart) {
    const { nodes, links } = chart ? chartSources(expr, scope, resolver) : runSources(expr, scope, resolver);
    // A script the configuration writes itself (`bash ${local_file.setup.filename}`): its content is what runs.
    const written = runs ? writtenScripts(attribute.expr, scope, resolver) : [];
    if (nodes.length > 0 || written.length > 0) {
      found.push(...links, ...written.flatMap((content) => content.links));
      // The script's content (a local chart's files) becomes part of the value, so editing it changes the attribute.
      const digests = nodes.map((node) => ({
        kind: 'literal' as const,
        value: `${node.label}@${node.digest}`,
        range: attribute.range,
      }));
      expr = {
        kind: 'call',
        name: 'four_eyes_runs',
        args: [expr, ...digests, ...written.map((content) => content.expr)],
        expandFinal: false,
        range: attribute.range,
      };
    }
  }
  if (found.length > 0) chains.set(path, found);
  if (expr === attribute.expr) return attribute;
  const value = literalValue(expr);
  // The text is computed when read: a created object's resolved attributes are matched by value
  // and mostly never printed, and printing every one dominated a whole configuration's time.
  return {
    ...attribute,
    expr,
    get text() {
      return compactText(expr);
    },
    ...(value === undefined ? {} : { value }),
  };
}

/**
 * A Helm release's `values`, each YAML document known here (a values file, a heredoc) as the
 * structure it holds, as `yamldecode` reads it: a rule then reads
 * `controller.service.loadBalancerSourceRanges` as a list of ranges, not as text.
 */
function decodedValues(expr: Expression): Expression {
  if (expr.kind !== 'tuple') return expr;
  let changed = false;
  const items = expr.items.map((item) => {
    // A values file whose path is known only at apply time: any of the changed files it may name.
    const decoded = isAnyOf(item)
      ? foldedCall({ ...item, name: 'yamldecode' }, [item])
      : item.kind === 'literal'
        ? foldedDecode('yamldecode', [item], item.range)
        : null;
    if (decoded?.kind !== 'object' && !(decoded && isAnyOf(decoded))) return item;
    changed = true;
    return decoded;
  });
  return changed ? { ...expr, items } : expr;
}

/** The strings of a command as they will be run: literals, template text, and the module's path. */
function commandTexts(expr: Expression, scope: PathScope): string[] {
  const out: string[] = [];
  const visit = (node: Expression): void => {
    switch (node.kind) {
      case 'literal':
        if (typeof node.value === 'string') out.push(node.value);
        return;
      case 'template': {
        let text = '';
        for (const part of node.parts) {
          if (part.kind === 'text') text += part.value;
          else if (part.kind === 'interpolation') text += interpolated(part.expr, scope);
          else text += ' ';
        }
        out.push(text);
        return;
      }
      case 'tuple':
        node.items.forEach(visit);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      case 'parens':
        visit(node.inner);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return out;
}

function interpolated(expr: Expression, scope: PathScope): string {
  if (expr.kind === 'getAttr' && expr.target.kind === 'variable' && expr.target.name === 'path') {
    if (expr.name === 'module') return scope.dir;
    if (expr.name === 'root' || expr.name === 'cwd') return scope.root;
  }
  if (expr.kind === 'literal' && expr.value !== null) return String(expr.value);
  return ' ';
}

/** The scripts a command names, and the changed files a word of it known only at apply time may name. */
function runSources(
  expr: Expression,
  scope: ModuleScope,
  resolver: Resolver,
): { nodes: SourceNode[]; links: SourceLink[] } {
  const named = filesNamedIn(commandTexts(expr, scope), scope, resolver.side.files).map((script) =>
    resolver.fileNode(script),
  );
  const guessed = guessedRunSources(expr, scope, resolver);
  const fresh = guessed.nodes.filter((node) => !named.some((known) => known.id === node.id));
  return {
    nodes: [...named, ...fresh],
    links: [
      ...named.map((node) => ({ node, next: [] })),
      ...guessed.links.filter((link) => fresh.some((node) => node.id === link.next[0]!.node.id)),
    ],
  };
}
