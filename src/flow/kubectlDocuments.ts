import type { Expression, Range } from '../terraform/model.js';
import { decodedData, type PlainData } from '../util/decodedData.js';
import type { ConfigurationSide, ModuleScope } from './scope.js';

/*
 * The kubectl provider's data sources that split YAML into the manifests `kubectl_manifest`
 * applies: `kubectl_file_documents` (its `content`) and `kubectl_path_documents` (every file its
 * `pattern` matches). `for_each = data.kubectl_file_documents.docs.manifests` with
 * `yaml_body = each.value` is the provider's own example: a ClusterRoleBinding to cluster-admin
 * added to the YAML file is a manifest applied like one written in a heredoc.
 */

/** `documents`: the list of manifests; `manifests`: the same, keyed as the provider keys them. */
const DOCUMENTS_CALL = 'four_eyes_yaml_documents';
const MANIFESTS_CALL = 'four_eyes_yaml_manifests';
/** The text of the files a glob of the tree matches, one after another (resolved in fileCalls.ts). */
export const FILES_MATCHING_CALL = 'four_eyes_files_matching';

const DOCUMENT_SOURCES: ReadonlySet<string> = new Set(['kubectl_file_documents', 'kubectl_path_documents']);

/** Data sources whose manifests are files of the tree (flow/valueReach.ts: a changed file may reach them). */
export const PATH_DOCUMENT_SOURCES: ReadonlySet<string> = new Set(['kubectl_path_documents']);

/** The pseudo-functions whose argument is the text their value is made of (classify/valueTree.ts reads through them). */
export const YAML_DOCUMENT_CALLS: ReadonlySet<string> = new Set([DOCUMENTS_CALL, MANIFESTS_CALL, FILES_MATCHING_CALL]);

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/**
 * `data.kubectl_file_documents.x.manifests` (or `.documents`, or the same of
 * `kubectl_path_documents`) in `scope`: the documents of its text, to be resolved where it is
 * read; null for any other reference.
 */
export function kubectlDocumentsRead(side: ConfigurationSide, expr: GetAttr, scope: ModuleScope): Expression | null {
  if (expr.name !== 'documents' && expr.name !== 'manifests') return null;
  const data = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (data.kind !== 'getAttr') return null;
  const type = data.target;
  if (type.kind !== 'getAttr' || !DOCUMENT_SOURCES.has(type.name)) return null;
  if (type.target.kind !== 'variable' || type.target.name !== 'data') return null;
  const body = side.modules.get(scope.dir)?.get(`data.${type.name}.${data.name}`)?.ref.body;
  const argument = body?.attributes.find(
    (attribute) => attribute.name === (type.name === 'kubectl_file_documents' ? 'content' : 'pattern'),
  );
  if (!argument) return null;
  const text: Expression =
    type.name === 'kubectl_file_documents'
      ? argument.expr
      : { kind: 'call', name: FILES_MATCHING_CALL, args: [argument.expr], expandFinal: false, range: expr.range };
  const name = expr.name === 'documents' ? DOCUMENTS_CALL : MANIFESTS_CALL;
  return { kind: 'call', name, args: [text], expandFinal: false, range: expr.range };
}

/**
 * The documents call of a text known (its argument resolved): the list of documents, or the map
 * of them by API version, kind, namespace and name. Null where the text is not known: the call
 * stays, and is read as the whole text.
 */
export function foldedDocuments(name: string, args: readonly Expression[], range: Range): Expression | null {
  if (name !== DOCUMENTS_CALL && name !== MANIFESTS_CALL) return null;
  const text = args.length === 1 && args[0]!.kind === 'literal' ? args[0]!.value : null;
  if (typeof text !== 'string') return null;
  const documents = yamlDocuments(text);
  const literal = (value: string): Expression => ({ kind: 'literal', value, range });
  if (name === DOCUMENTS_CALL) return { kind: 'tuple', items: documents.map(literal), range };
  const keys = new Set<string>();
  const items = documents.map((document, index) => {
    let key = manifestKey(document) ?? `#${index}`;
    if (keys.has(key)) key = `${key}#${index}`;
    keys.add(key);
    return { key: literal(key), value: literal(document) };
  });
  return { kind: 'object', items, range };
}

/** A YAML stream's documents: split at `---` lines, the empty ones (comments, blank) left out. */
export function yamlDocuments(text: string): string[] {
  return text
    .split(/^---[ \t]*(?:#.*)?$/m)
    .map((document) => document.trim())
    .filter((document) => document.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#')));
}

/** `apiVersion/kind/namespace/name` of a manifest, as the provider's map keys it; null when that is not known. */
function manifestKey(document: string): string | null {
  const manifest = asObject(decodedData('yamldecode', document));
  const metadata = asObject(manifest?.metadata);
  const { kind } = manifest ?? {};
  const name = metadata?.name;
  if (typeof kind !== 'string' || typeof name !== 'string') return null;
  const namespace = typeof metadata!.namespace === 'string' ? `namespaces/${metadata!.namespace}/` : '';
  return `/${String(manifest!.apiVersion ?? '')}/${namespace}${kind.toLowerCase()}s/${name}`;
}

function asObject(data: PlainData | undefined): { [key: string]: PlainData } | null {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? data : null;
}
