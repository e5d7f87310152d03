import type { Expression } from '../terraform/model.js';
import { expressionText } from '../terraform/printer.js';
import { guessedSources } from './guessedSources.js';
import { unknownWordPatterns } from './pathCalls.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink, SourceNode } from './sources.js';

/** A command is quoted in a trace up to this many characters. */
const QUOTED_CHARS = 80;

/**
 * What a provisioner's command or an external program runs, where a word of it is known only at
 * apply time (`bash ${path.module}/scripts/${var.name}.sh`, `program = ["python3", var.script]`):
 * the changed files that word can spell, each a source of the attribute through a step that says
 * so. The read is noted too, for a changed file it can spell that was not read (the app reads it, and asks again).
 */
export function guessedRunSources(
  expr: Expression,
  scope: ModuleScope,
  resolver: Resolver,
): { nodes: SourceNode[]; links: SourceLink[] } {
  const patterns = unknownWordPatterns(expr, scope);
  if (patterns.length === 0) return { nodes: [], links: [] };
  const written = expressionText(expr);
  const quoted = written.length > QUOTED_CHARS ? `${written.slice(0, QUOTED_CHARS)}…` : written;
  const line = expr.range.start.line;
  // Only a file the command can spell may be what it runs: any other changed file is not its to report.
  const mayName = new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'));
  resolver.unresolvedReads.push({ text: quoted, file: scope.dir, line, mayName });
  return guessedSources(resolver, scope, line, (path) => patterns.some((pattern) => pattern.test(path)), {
    kind: 'guessed-run',
    what: quoted,
    assumption: 'part of which is known only at apply time, may run it',
  });
}
