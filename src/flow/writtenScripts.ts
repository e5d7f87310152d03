import type { Expression } from '../terraform/model.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope, Resolved } from './scope.js';

/** Resources that write a file during apply, and the arguments that give its content. */
const FILE_WRITERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['local_file', ['content', 'content_base64', 'sensitive_content']],
  ['local_sensitive_file', ['content', 'content_base64']],
]);

/**
 * The contents of the files a command runs that the configuration itself writes during apply:
 * `bash ${local_file.setup.filename}` runs what `local_file.setup`'s `content` says, so a
 * `setup_script` changed in a tfvars file changes what the provisioner runs even though its
 * command line reads the same. Each content resolved in `scope`, with its sources.
 */
export function writtenScripts(command: Expression, scope: ModuleScope, resolver: Resolver): Resolved[] {
  const out: Resolved[] = [];
  const seen = new Set<string>();
  visit(command, (address, arguments_) => {
    if (seen.has(address)) return;
    seen.add(address);
    const body = resolver.side.modules.get(scope.dir)?.get(address)?.ref.body;
    for (const attribute of body?.attributes ?? [])
      if (arguments_.includes(attribute.name)) out.push(resolver.resolve(attribute.expr, scope));
  });
  return out;
}

/** Calls `found` with the address of each file-writing resource whose `filename` the expression reads. */
function visit(expr: Expression, found: (address: string, contentArguments: readonly string[]) => void): void {
  if (expr.kind === 'getAttr' && expr.name === 'filename') {
    const instance = expr.target.kind === 'index' ? expr.target.target : expr.target;
    if (instance.kind === 'getAttr' && instance.target.kind === 'variable') {
      const contentArguments = FILE_WRITERS.get(instance.target.name);
      if (contentArguments) found(`${instance.target.name}.${instance.name}`, contentArguments);
    }
  }
  for (const child of children(expr)) visit(child, found);
}

function children(expr: Expression): Expression[] {
  switch (expr.kind) {
    case 'template':
      return expr.parts.flatMap((part) => (part.kind === 'interpolation' ? [part.expr] : []));
    case 'getAttr':
      return [expr.target];
    case 'index':
      return [expr.target, expr.key];
    case 'call':
      return expr.args;
    case 'tuple':
      return expr.items;
    case 'object':
      return expr.items.flatMap((item) => [item.key, item.value]);
    case 'binary':
      return [expr.left, expr.right];
    case 'unary':
      return [expr.operand];
    case 'conditional':
      return [expr.cond, expr.then, expr.else];
    case 'parens':
      return [expr.inner];
    default:
      return [];
  }
}
