import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink, SourceNode } from './sources.js';

/**
 * The changed value files `mayName` accepts, each a source of what a read known only at apply
 * time gives, through a step that says what is assumed (`${what} (dir, line N), …${assumption}`).
 * A file the tree has not read is left out: the app reads it, and asks again.
 */
export function guessedSources(
  resolver: Resolver,
  scope: ModuleScope,
  line: number,
  mayName: (path: string) => boolean,
  step: { kind: string; what: string; assumption: string },
): { nodes: SourceNode[]; links: SourceLink[] } {
  const nodes: SourceNode[] = [];
  const links: SourceLink[] = [];
  for (const path of resolver.side.changedValueFiles ?? []) {
    if (!mayName(path)) continue;
    const file = resolver.fileNode(path);
    if (file.digest === 'unread') continue;
    nodes.push(file);
    const guess = resolver.node(
      `${step.kind}|${scope.dir}|${line}|${path}`,
      `${step.what} (${scope.dir}, line ${line}), ${step.assumption}`,
      scope.dir,
      line,
      file.digest,
    );
    links.push({ node: guess, next: [{ node: file, next: [] }] });
  }
  return { nodes, links };
}
