import type { Expression } from '../terraform/model.js';
import { fileFunctionPath, filesMatching } from './fileFunctions.js';
import { PATH_DOCUMENT_SOURCES } from './kubectlDocuments.js';
import type { ConfigurationSide, ModuleScope } from './scope.js';

/*
 * Data sources (and the archive resource) whose result is made from files of the tree, read as
 * the file functions that give the same value: the `local` provider's files, the `template`
 * provider's rendered templates, the `archive` provider's digests.
 */

/**
 * Data sources of the `local` provider that read a file of the tree: `data.local_file.x.content`
 * is what `file(filename)` gives, so a policy kept in a JSON file and read this way is matched
 * (and a changed file reaches what reads it) as with `file()`.
 */
const LOCAL_FILE_TYPES: ReadonlySet<string> = new Set(['local_file', 'local_sensitive_file']);

/**
 * Every data source whose result this module derives from files or templates of the tree: a
 * reference to one may read any changed file (flow/valueReach.ts), as `file()` may.
 */
export const FILE_DATA_SOURCES: ReadonlySet<string> = new Set([
  ...LOCAL_FILE_TYPES,
  'archive_file',
  'template_file',
  ...PATH_DOCUMENT_SOURCES,
]);

/** Each attribute of those data sources, and the file function that gives the same value. */
const CONTENT_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['content', 'file'],
  ['sensitive_content', 'file'],
  ['content_base64', 'filebase64'],
  ['content_md5', 'filemd5'],
  ['content_sha1', 'filesha1'],
  ['content_sha256', 'filesha256'],
  ['content_sha512', 'filesha512'],
  ['content_base64sha256', 'filebase64sha256'],
  ['content_base64sha512', 'filebase64sha512'],
]);

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/**
 * `data.local_file.x.content` (or `…x[0].content` of one with count or for_each) in `scope`, as
 * the file function call on its `filename`; null for any other reference, or a data source the
 * module does not declare with a `filename`.
 */
export function localFileRead(side: ConfigurationSide, expr: GetAttr, scope: ModuleScope): Expression | null {
  const fileFunction = CONTENT_ATTRIBUTES.get(expr.name);
  if (fileFunction === undefined) return null;
  const data = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (data.kind !== 'getAttr') return null;
  const type = data.target;
  if (type.kind !== 'getAttr' || type.target.kind !== 'variable' || type.target.name !== 'data') return null;
  if (!LOCAL_FILE_TYPES.has(type.name)) return null;
  const declaration = side.modules.get(scope.dir)?.get(`data.${type.name}.${data.name}`);
  const filename = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'filename');
  if (!filename) return null;
  return { kind: 'call', name: fileFunction, args: [filename.expr], expandFinal: false, range: expr.range };
}

/**
 * `data.template_file.x.rendered` (the `template` provider's) in `scope`: its `template` rendered
 * with its `vars`, as `templatestring(template, vars)` gives it, so a policy template read with
 * `file()` and rendered there is matched where it lands like one `templatefile()` renders. Null
 * for any other reference.
 */
export function templateFileRead(side: ConfigurationSide, expr: GetAttr, scope: ModuleScope): Expression | null {
  if (expr.name !== 'rendered') return null;
  const data = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (data.kind !== 'getAttr') return null;
  const type = data.target;
  if (type.kind !== 'getAttr' || type.name !== 'template_file') return null;
  if (type.target.kind !== 'variable' || type.target.name !== 'data') return null;
  const body = side.modules.get(scope.dir)?.get(`data.template_file.${data.name}`)?.ref.body;
  const template = body?.attributes.find((attribute) => attribute.name === 'template');
  if (!template) return null;
  const vars = body!.attributes.find((attribute) => attribute.name === 'vars')?.expr ?? {
    kind: 'object',
    items: [],
    range: expr.range,
  };
  return { kind: 'call', name: 'templatestring', args: [template.expr, vars], expandFinal: false, range: expr.range };
}

/** What an archive's digests and size are computed from: the `archive` provider's outputs that change with its content. */
const ARCHIVE_OUTPUTS: ReadonlySet<string> = new Set([
  'output_base64sha256',
  'output_base64sha512',
  'output_md5',
  'output_sha',
  'output_sha256',
  'output_sha512',
  'output_size',
]);

/**
 * `data.archive_file.x.output_base64sha256` (or the `archive_file` resource's, and the other
 * digests) in `scope`: the digests of what the archive holds — `source_file`, every file under
 * `source_dir`, `source_content` and each `source { content }` — so a changed Lambda handler
 * changes the `source_code_hash` that reads it, as a new deployment of the code does. A file is
 * given by `fileDigest` (the resolver's, which does not ask for unchanged files it has not read:
 * a source directory may hold thousands). Null for any other reference, or an archive whose
 * sources are not known statically.
 */
export function archiveRead(
  side: ConfigurationSide,
  expr: GetAttr,
  scope: ModuleScope,
  fileDigest: (path: string) => Expression,
): Expression | null {
  if (!ARCHIVE_OUTPUTS.has(expr.name)) return null;
  const archive = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (archive.kind !== 'getAttr') return null;
  const address = archiveAddress(archive);
  if (address === null) return null;
  const body = side.modules.get(scope.dir)?.get(address)?.ref.body;
  if (!body) return null;
  const range = expr.range;
  const call = (name: string, arg: Expression): Expression => ({
    kind: 'call',
    name,
    args: [arg],
    expandFinal: false,
    range,
  });
  const parts: Expression[] = [];
  for (const attribute of body.attributes) {
    if (attribute.name === 'source_file') {
      const path = fileFunctionPath(attribute.expr, scope);
      parts.push(path === null ? call('filesha256', attribute.expr) : fileDigest(path));
    } else if (attribute.name === 'source_content') parts.push(call('sha256', attribute.expr));
    else if (attribute.name === 'source_dir') {
      const dir = fileFunctionPath(attribute.expr, scope);
      if (dir === null) return null;
      for (const file of filesMatching(side.files, dir, '**')) parts.push(fileDigest(file.path));
    }
  }
  for (const block of body.blocks) {
    const content =
      block.type === 'source' ? block.attributes.find((attribute) => attribute.name === 'content') : undefined;
    if (content) parts.push(call('sha256', content.expr));
  }
  return parts.length === 0 ? null : { kind: 'tuple', items: parts, range };
}

/** `data.archive_file.x` → `data.archive_file.x`; `archive_file.x` (the resource) → `archive_file.x`; else null. */
function archiveAddress(archive: GetAttr): string | null {
  const type = archive.target;
  if (type.kind === 'variable' && type.name === 'archive_file') return `archive_file.${archive.name}`;
  if (
    type.kind === 'getAttr' &&
    type.name === 'archive_file' &&
    type.target.kind === 'variable' &&
    type.target.name === 'data'
  )
    return `data.archive_file.${archive.name}`;
  return null;
}
