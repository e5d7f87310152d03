import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import { CONTENT_FUNCTIONS, contentDigest, fileFunctionPath, filesMatching } from './fileFunctions.js';
import type { ModuleScope, Resolver } from './resolver.js';
import type { SourceLink } from './sources.js';

type Call = Extract<Expression, { kind: 'call' }>;

/**
 * A call (its arguments resolved) of a function that reads files: `file(...)` and the like as the
 * file's content (or its digest), `fileset` as the matching paths, each file a source of the value.
 * A path known only at apply time is noted (`unresolvedReads`): a changed file may be read there.
 * Any other call is returned as it is.
 */
export function fileCall(resolver: Resolver, call: Call, scope: ModuleScope, chains: SourceLink[]): Expression {
  if (!CONTENT_FUNCTIONS.has(call.name) && call.name !== 'fileset') return call;
  const path = call.args[0] && fileFunctionPath(call.args[0], scope);
  if (!path) {
    resolver.unresolvedReads.push({
      text: `${call.name}(${call.args[0] ? expressionText(call.args[0]) : ''})`,
      file: scope.dir,
      line: call.range.start.line,
    });
    return call;
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
  const content = resolver.side.files.content(path);
  if (content === undefined) return call;
  chains.push({ node: resolver.fileNode(path), next: [] });
  const text: Expression = {
    kind: 'literal',
    value: call.name === 'file' || call.name === 'templatefile' ? content : `${call.name}:${contentDigest(content)}`,
    range: call.range,
  };
  // templatefile keeps its variables: they change the result as much as the template does.
  return call.name === 'templatefile' ? { ...call, args: [text, ...call.args.slice(1)] } : text;
}
