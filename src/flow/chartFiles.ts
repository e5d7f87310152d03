import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import { fileFunctionPath, filesMatching } from './fileFunctions.js';
import { guessedSources } from './guessedSources.js';
import { ownDirectories, possiblePaths } from './pathCalls.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink, SourceNode } from './sources.js';

/**
 * The files of a Helm chart that is a directory of the tree (`chart = "./charts/web"`,
 * `"${path.module}/charts/web"`): what the release installs, its templates and default values,
 * each a source of the release's `chart` (an unchanged one is not read: it is the same at both
 * sides). None for a chart from a repository (`chart = "ingress-nginx"` with `repository`).
 *
 * A chart directory known only at apply time (`"${path.module}/charts/${var.app}"`) may be any
 * directory it can spell: the changed files there are taken as the chart's, each through a step
 * that says so. One of which nothing is spelled (`chart = var.chart`, often a repository's chart
 * name) is not guessed at: a changed file under its module's or root's directory that nothing
 * reads is an unreached value that names it.
 */
export function chartSources(
  expr: Expression,
  scope: ModuleScope,
  resolver: Resolver,
): { nodes: SourceNode[]; links: SourceLink[] } {
  if (expr.kind === 'literal' && typeof expr.value === 'string' && !/^\.{1,2}\//.test(expr.value))
    return { nodes: [], links: [] };
  const directory = fileFunctionPath(expr, scope);
  if (directory !== null) {
    if (directory === '.') return { nodes: [], links: [] };
    const nodes = filesMatching(resolver.side.files, directory, '**').map((file) =>
      resolver.fileNode(file.path, false),
    );
    return { nodes, links: nodes.map((node) => ({ node, next: [] })) };
  }
  // A changed file it may hold and nothing reads is then an unreached value that names this chart.
  resolver.unresolvedReads.push({
    text: `chart = ${expressionText(expr)}`,
    file: scope.dir,
    line: expr.range.start.line,
    mayName: ownDirectories(scope),
  });
  return guessedChartSources(expr, scope, resolver);
}

function guessedChartSources(
  expr: Expression,
  scope: ModuleScope,
  resolver: Resolver,
): { nodes: SourceNode[]; links: SourceLink[] } {
  const changed = resolver.side.changedValueFiles ?? [];
  // Any file below the directory: the directory's text, a slash, anything.
  const below: Expression = {
    kind: 'template',
    parts: [
      { kind: 'interpolation', expr, stripLeft: false, stripRight: false },
      { kind: 'text', value: '/*' },
    ],
    heredoc: false,
    range: expr.range,
  };
  const pattern = changed.length > 0 ? possiblePaths(below, scope, { glob: true, spelledOnly: true }) : null;
  if (!pattern) return { nodes: [], links: [] };
  return guessedSources(resolver, scope, expr.range.start.line, (path) => pattern.test(path), {
    kind: 'guessed-chart',
    what: `the chart ${expressionText(expr)}`,
    assumption: 'whose directory is known only at apply time and may hold it',
  });
}
