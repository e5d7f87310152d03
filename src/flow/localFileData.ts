import type { Expression } from '../terraform/model.js';
import type { ConfigurationSide, ModuleScope } from './scope.js';

/**
 * Data sources of the `local` provider that read a file of the tree: `data.local_file.x.content`
 * is what `file(filename)` gives, so a policy kept in a JSON file and read this way is matched
 * (and a changed file reaches what reads it) as with `file()`.
 */
export const LOCAL_FILE_TYPES: ReadonlySet<string> = new Set(['local_file', 'local_sensitive_file']);

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
