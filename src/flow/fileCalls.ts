import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import { anyOf } from './anyEntry.js';
import { CONTENT_FUNCTIONS, contentDigest, fileFunctionPath, filesMatching } from './fileFunctions.js';
import { FILES_MATCHING_CALL } from './kubectlDocuments.js';
import { possiblePaths } from './pathCalls.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink } from './sources.js';

type Call = Extract<Expression, { kind: 'call' }>;

/**
 * A call (its arguments resolved) of a function that reads files: `file(...)` and the like as the
 * file's content (or its digest), `fileset` as the matching paths, each file a source of the value.
 * A path known only at apply time is noted (`unresolvedReads`): a changed file may be read there.
 * Any other call is returned as it is.
 */
export function fileCall(resolver: Resolver, call: Call, scope: ModuleScope, chains: SourceLink[]): Expression {
  if (call.name === FILES_MATCHING_CALL) return filesMatchingText(resolver, call, scope, chains);
  if (!CONTENT_FUNCTIONS.has(call.name) && call.name !== 'fileset') return call;
  const path = call.args[0] && fileFunctionPath(call.args[0], scope);
  const anyOf = !path && call.name !== 'fileset' && call.args[0] ? anyOfPaths(call.args[0], scope) : null;
  if (anyOf) {
    // `file("${path.module}/${each.value}")` over `fileset(...)` or a list of names: any of the files.
    const items = anyOf.paths.map((candidate) => contentOf(resolver, call, candidate, chains) ?? call);
    return {
      kind: 'index',
      target: { kind: 'tuple', items, range: call.range },
      key: anyOf.key,
      legacy: false,
      range: call.range,
    };
  }
  if (!path) {
    resolver.unresolvedReads.push({
      text: `${call.name}(${call.args[0] ? expressionText(call.args[0]) : ''})`,
      file: scope.dir,
      line: call.range.start.line,
    });
    return (call.name !== 'fileset' && anyChangedFile(resolver, call, scope, chains)) || call;
  }
  if (call.name === 'fileset') {
    const pattern =
      call.args[1]?.kind === 'literal' && typeof call.args[1].value === 'string' ? call.args[1].value : null;
    if (pattern === null) return call;
    const matches = filesMatching(resolver.side.files, path, pattern);
    for (const file of matches) chains.push({ node: resolver.fileNode(file.path), next: [] });
    return {
      kind: 'tuple',
      items: matches.map((file) => ({ kind: 'literal', value: file.relative, range: call.range })),
      range: call.range,
    };
  }
  return contentOf(resolver, call, path, chains) ?? call;
}

/** A content function's value for one file of the tree, or undefined when the tree has no such file. */
function contentOf(resolver: Resolver, call: Call, path: string, chains: SourceLink[]): Expression | undefined {
  const content = resolver.side.files.content(path);
  if (content === undefined) return undefined;
  chains.push({ node: resolver.fileNode(path), next: [] });
  const text: Expression = {
    kind: 'literal',
    value: call.name === 'file' || call.name === 'templatefile' ? content : `${call.name}:${contentDigest(content)}`,
    range: call.range,
  };
  // templatefile keeps its variables: they change the result as much as the template does.
  return call.name === 'templatefile' ? { ...call, args: [text, ...call.args.slice(1)] } : text;
}

/**
 * A path known only at apply time (`file(var.policy_path)`, `"policies/${terraform.workspace}.json"`)
 * may name any file the change touches that it can spell: the value is any of those files'
 * contents, so a policy opened to `"*"` there is judged as if read (never left as unreached).
 * Unchanged files read the same at both sides and are left out. Null when no changed file fits.
 */
function anyChangedFile(resolver: Resolver, call: Call, scope: ModuleScope, chains: SourceLink[]): Expression | null {
  if (!call.args[0]) return null;
  const written = `${call.name}(${expressionText(call.args[0]!)})`;
  // Past a budget (a pull request changing hundreds of files), a file counts by its digest: a
  // change of it still changes the value, which is then not searched for what it grants.
  let budget = GUESSED_CONTENT_CHARS;
  const items = changedFilesSpelled(resolver, call, scope, chains, { glob: false, written }, (path, links) => {
    const size = resolver.side.files.readContent(path)?.length ?? 0;
    budget -= size;
    return budget >= 0 ? contentOf(resolver, call, path, links) : digestOf(resolver, call, path, links);
  });
  if (items.length === 0) return null;
  // One file is the value; of several, any one of them (decoders read each: staticCalls.foldedOverAny).
  return items.length === 1 ? items[0]! : anyOf(items, call.range);
}

/**
 * The changed value files a path (or glob) known only at apply time can spell, each read by
 * `read`: its source link goes through a step that says what is assumed, this read may name the
 * file, its path being known only at apply time.
 */
function changedFilesSpelled<T>(
  resolver: Resolver,
  call: Call,
  scope: ModuleScope,
  chains: SourceLink[],
  options: { glob: boolean; written: string },
  read: (path: string, links: SourceLink[]) => T | undefined,
): T[] {
  const changed = resolver.side.changedValueFiles ?? [];
  const pattern = changed.length > 0 && call.args[0] ? possiblePaths(call.args[0], scope, options) : null;
  if (!pattern) return [];
  const { written } = options;
  const line = call.range.start.line;
  return changed
    .filter((path) => pattern.test(path))
    .flatMap((path) => {
      const links: SourceLink[] = [];
      const value = read(path, links);
      if (value === undefined) return [];
      const guess = resolver.node(
        `guessed-read|${scope.dir}|${line}|${path}`,
        `${written} (${scope.dir}, line ${line}), whose path is known only at apply time and may name it`,
        scope.dir,
        line,
        links[0]!.node.digest,
      );
      chains.push({ node: guess, next: links });
      return [value];
    });
}

/** How much of the changed files' text one read whose path is known only at apply time carries whole. */
const GUESSED_CONTENT_CHARS = 1 << 20;

function digestOf(resolver: Resolver, call: Call, path: string, chains: SourceLink[]): Expression | undefined {
  const content = resolver.side.files.content(path);
  if (content === undefined) return undefined;
  chains.push({ node: resolver.fileNode(path), next: [] });
  return { kind: 'literal', value: `${call.name}:${contentDigest(content)}`, range: call.range };
}

type Index = Extract<Expression, { kind: 'index' }>;

/**
 * The paths a file function's argument may name when one part of it is any element of a list
 * written out, as the resolver gives `each.value` over `fileset(...)` or a list of names:
 * `"${path.module}/${each.value}"` names each element's file in turn. Null otherwise.
 */
function anyOfPaths(arg: Expression, scope: ModuleScope): { paths: string[]; key: Expression } | null {
  const choice = (expr: Expression): { index: Index; names: string[] } | null => {
    if (expr.kind !== 'index') return null;
    const target = listOf(expr.target);
    const items =
      target.kind === 'tuple' ? target.items : target.kind === 'object' ? target.items.map((item) => item.value) : null;
    const names = items?.map((item) => (item.kind === 'literal' && typeof item.value === 'string' ? item.value : null));
    return names && names.length > 0 && names.every((name) => name !== null)
      ? { index: expr, names: names as string[] }
      : null;
  };
  const whole = choice(arg);
  if (whole)
    return pathsOf(
      whole.names.map((name) => ({ kind: 'literal', value: name, range: arg.range })),
      whole.index,
      scope,
    );
  if (arg.kind !== 'template') return null;
  const choices = arg.parts.flatMap((part, i) => {
    const found = part.kind === 'interpolation' ? choice(part.expr) : null;
    return found ? [{ ...found, i }] : [];
  });
  if (choices.length !== 1) return null;
  const { index, names, i } = choices[0]!;
  const spelled = names.map(
    (name): Expression => ({
      ...arg,
      parts: arg.parts.map((part, j) =>
        j === i && part.kind === 'interpolation'
          ? { ...part, expr: { kind: 'literal', value: name, range: part.expr.range } }
          : part,
      ),
    }),
  );
  return pathsOf(spelled, index, scope);
}

/** `toset([...])`, `tolist([...])`: the list written out inside (the order and duplicates do not matter here). */
function listOf(expr: Expression): Expression {
  return expr.kind === 'call' && SAME_ELEMENTS.has(expr.name) && expr.args.length === 1 ? listOf(expr.args[0]!) : expr;
}

const SAME_ELEMENTS: ReadonlySet<string> = new Set(['toset', 'tolist', 'distinct', 'sort', 'compact']);

function pathsOf(args: Expression[], index: Index, scope: ModuleScope): { paths: string[]; key: Expression } | null {
  const paths = args.map((arg) => fileFunctionPath(arg, scope));
  return paths.every((path) => path !== null) ? { paths: paths as string[], key: index.key } : null;
}

/**
 * The files a glob of the tree matches (`"${path.module}/manifests/*.yaml"`, as the kubectl
 * provider's `kubectl_path_documents` reads its `pattern`), their texts one after another as YAML
 * documents, each file a source of the value. A pattern known only at apply time is noted like a
 * file function's path; a matching file not read keeps the call (the app reads it, and asks again).
 */
function filesMatchingText(resolver: Resolver, call: Call, scope: ModuleScope, chains: SourceLink[]): Expression {
  const pattern = call.args[0] && fileFunctionPath(call.args[0], scope);
  if (!pattern) {
    // Only a file the glob can match may be one it reads (`*.yaml`): another is not its to report.
    const mayName = call.args[0] ? possiblePaths(call.args[0], scope, { glob: true }) : null;
    resolver.unresolvedReads.push({
      text: call.args[0] ? expressionText(call.args[0]) : '',
      file: scope.dir,
      line: call.range.start.line,
      ...(mayName ? { mayName } : {}),
    });
    // A pattern known only at apply time: the changed files it can match, as for a file function.
    if (!call.args[0]) return call;
    const written = `the pattern ${expressionText(call.args[0])}`;
    const texts = changedFilesSpelled(resolver, call, scope, chains, { glob: true, written }, (path, links) => {
      const text = resolver.side.files.content(path);
      if (text !== undefined) links.push({ node: resolver.fileNode(path), next: [] });
      return text;
    });
    return texts.length > 0 ? { kind: 'literal', value: texts.join('\n---\n'), range: call.range } : call;
  }
  // The directory before the first segment with a wildcard, and the glob from there.
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => /[*?[{]/.test(segment));
  const split = firstGlob < 0 ? segments.length - 1 : firstGlob;
  const dir = segments.slice(0, split).join('/') || '.';
  const glob = segments.slice(split).join('/');
  // Every matching file is asked for before giving up on one not read: the app reads them all at once.
  const matches = filesMatching(resolver.side.files, dir, glob);
  const texts = matches.map((file) => resolver.side.files.content(file.path));
  if (texts.some((text) => text === undefined)) return call;
  for (const file of matches) chains.push({ node: resolver.fileNode(file.path), next: [] });
  return { kind: 'literal', value: texts.join('\n---\n'), range: call.range };
}
