import type { Change, FileChange } from '../change/changeSet.js';
import type { Rule, RuleMatch, ValueMatcher } from '../model/policy.js';
import { isLocalModuleSource } from '../terraform/localModules.js';
import type { Body } from '../terraform/model.js';
import { globMatch } from '../util/glob.js';
import { addsBlock } from './addedBlocks.js';
import { anyConfigurationPathMatches, configurationPathMatches } from './attributePath.js';
import { attributePaths, type PathedAttribute, pathedAttributes } from './bodyAttributes.js';
import { type ValueChange, valueChangeBetween } from './valueChanges.js';
import { valueMatches } from './valueMatches.js';

/** A rule with nothing but `files` judges changed files; every other rule judges Terraform objects. */
export function isFileRule(rule: Rule): boolean {
  return Object.keys(rule.match).every((key) => key === 'files');
}

export function fileRuleMatches(rule: Rule, file: FileChange): boolean {
  const patterns = rule.match.files ?? [];
  const paths = file.previousPath ? [file.path, file.previousPath] : [file.path];
  return paths.some((path) => patterns.some((pattern) => globMatch(path, pattern)));
}

/** Where a rule matched, so the finding can point at the attribute rather than the block. */
export interface ObjectMatch {
  attribute: PathedAttribute | null;
  /** for value rules on updates and moves: what the change does to the matched values */
  valueChange?: ValueChange;
  /** widened through an attribute the matcher names in `widenedBy` (a world-open rule's ports) */
  widenedByAttribute?: true;
}

/** The body a change is judged by: the head version, or the base version of a deletion. */
export function judgedBody(change: Change): Body | null {
  return (change.action === 'delete' ? change.base?.body : change.head?.body) ?? null;
}

/**
 * The rules whose kinds, actions and resource types admit a change like this one (same kind,
 * type and action), worked out once per such triple: a plan or a large change set asks every rule
 * about tens of thousands of objects of a few hundred types.
 */
export function candidateRules(rules: readonly Rule[], change: Change): readonly Rule[] {
  let byShape = candidates.get(rules);
  if (!byShape) {
    byShape = new Map();
    candidates.set(rules, byShape);
  }
  const key = `${change.kind}\u0000${resourceType(change) ?? ''}\u0000${change.action}`;
  let found = byShape.get(key);
  if (!found) {
    found = rules.filter(
      (rule) =>
        (!rule.match.kinds || rule.match.kinds.includes(change.kind)) &&
        (!rule.match.actions || rule.match.actions.includes(change.action)) &&
        (!rule.match.resourceTypes || typeMatches(change, rule.match.resourceTypes)) &&
        (!rule.match.exceptProviders || !ofProviders(change, rule.match.exceptProviders)),
    );
    if (byShape.size >= MAX_TYPE_ANSWERS) byShape.clear();
    byShape.set(key, found);
  }
  return found;
}

const candidates = new WeakMap<readonly Rule[], Map<string, readonly Rule[]>>();

export function objectRuleMatches(rule: Rule, change: Change): ObjectMatch | null {
  const match = rule.match;
  if (match.kinds && !match.kinds.includes(change.kind)) return null;
  if (match.actions && !match.actions.includes(change.action)) return null;
  if (match.resourceTypes && !typeMatches(change, match.resourceTypes)) return null;
  if (match.exceptProviders && ofProviders(change, match.exceptProviders)) return null;
  if (match.addresses && !match.addresses.some((pattern) => globMatch(change.address, pattern))) return null;
  if (match.files && !objectFiles(change).some((file) => match.files!.some((pattern) => globMatch(file, pattern))))
    return null;
  if (match.moduleChanges && !moduleChanged(change, match.moduleChanges)) return null;
  if (match.moduleSource && moduleSourceKind(change) !== match.moduleSource) return null;
  const body = judgedBody(change);
  if (match.blocksAdded && !blocksAddedBy(change, body, match.blocksAdded)) return null;
  let located: PathedAttribute | null = null;
  if (match.attributes) {
    const paths = match.changedOnly ? change.changedPaths : subjectPaths(change, body);
    if (!anyConfigurationPathMatches(paths, match.attributes)) return null;
    located = firstAttribute(body, (path) =>
      match.attributes!.some((pattern) => configurationPathMatches(path, pattern)),
    );
  }
  if (!match.values) return { attribute: located };
  if (comparesRevisions(change)) {
    const hit = valueChangeBetween(change.base!.body, change.head!.body, match.values, change.changedPaths);
    if (!hit) return null;
    // A removed value is in the base only; the finding points at the object as the head has it.
    return {
      attribute: hit.change === 'removed' ? null : hit.match.entry,
      valueChange: hit.change,
      ...(hit.byAttribute ? { widenedByAttribute: true as const } : {}),
    };
  }
  const hit = valueMatch(body, match.values);
  return hit ? { attribute: hit } : null;
}

/**
 * `blocksAdded`: the change adds a block of one of these type paths. A deletion adds none; an
 * object judged whole (created, given another provider, its count or for_each changed) adds every
 * block it has; an update or move, those at a place where the base has none.
 */
function blocksAddedBy(change: Change, body: Body | null, typePaths: readonly string[]): boolean {
  if (change.action === 'delete' || !body) return false;
  const wanted = blockTypePaths(typePaths);
  return addsBlock(comparesRevisions(change) ? change.base!.body : null, body, wanted);
}

const typePathSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function blockTypePaths(typePaths: readonly string[]): ReadonlySet<string> {
  let set = typePathSets.get(typePaths);
  if (!set) {
    set = new Set(typePaths);
    typePathSets.set(typePaths, set);
  }
  return set;
}

/**
 * Updates and moves are judged by what they change: a value rule fires on a match the change
 * introduces, widens or removes, not on one another part of the object already had.
 */
function comparesRevisions(change: Change): boolean {
  return (
    (change.action === 'update' || change.action === 'move') &&
    change.base !== undefined &&
    change.head !== undefined &&
    !reassignsProvider(change) &&
    !changesExpansion(change)
  );
}

/**
 * An object whose `count` or `for_each` value changed may have instances the base did not (one
 * entry of a module call's map turns `create_policy` on, where the entries are read as "any
 * entry"): they are made with the whole body, so it is judged whole, as a create is. A count
 * that grows or shrinks by numbers known here is split into creates and deletes before this
 * (flow/expansionGrowth.ts).
 */
function changesExpansion(change: Change): boolean {
  return (
    (change.kind === 'resource' || change.kind === 'data') &&
    change.action === 'update' &&
    change.changedPaths.some((path) => path === 'count' || path === 'for_each')
  );
}

/**
 * A resource or data source given another provider configuration (`provider = aws.prod` for
 * `aws.dev`: another account, project, region or credentials) is read, and created, there:
 * Terraform does not find the object it had and makes it anew with the new credentials. So it is
 * judged whole, as a create is: an ingress open to the world that was fine in a sandbox account
 * is opened in production.
 */
function reassignsProvider(change: Change): boolean {
  return (change.kind === 'resource' || change.kind === 'data') && change.changedPaths.includes('provider');
}

/** Resource, data source, ephemeral and action types: `aws_iam_role.ci` → aws_iam_role, `data.x.y` → x. */
function resourceType(change: Pick<Change, 'kind' | 'address'>): string | null {
  if (!TYPED_KINDS.has(change.kind)) return null;
  const known = types.get(change.address);
  if (known !== undefined) return known;
  const parts = change.address.split('.');
  const type = (change.kind === 'resource' ? parts[0] : parts[1]) ?? null;
  if (types.size > 200_000) types.clear();
  types.set(change.address, type);
  return type;
}

/** Kinds whose address names a provider's type. */
const TYPED_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action']);

/** Asked once per rule of every change: the address's type, remembered. */
const types = new Map<string, string | null>();

function typeMatches(change: Change, patterns: readonly string[]): boolean {
  const type = resourceType(change);
  if (type === null) return false;
  // A rule's patterns are asked about the same few types for every change: one lookup, not one per pattern.
  let answers = typeAnswers.get(patterns);
  if (!answers) {
    answers = new Map();
    typeAnswers.set(patterns, answers);
  }
  let answer = answers.get(type);
  if (answer === undefined) {
    answer = patterns.some((pattern) => globMatch(type, pattern));
    if (answers.size >= MAX_TYPE_ANSWERS) answers.clear();
    answers.set(type, answer);
  }
  return answer;
}

/** Whether the change's type is of one of these providers; an object without a type is of none. */
function ofProviders(change: Change, providers: readonly string[]): boolean {
  const type = resourceType(change);
  if (type === null) return false;
  let set = providerSets.get(providers);
  if (!set) {
    set = new Set(providers);
    providerSets.set(providers, set);
  }
  const underscore = type.indexOf('_');
  return set.has(underscore < 0 ? type : type.slice(0, underscore));
}

const providerSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Per rule's `resourceTypes` (the policy's arrays, alive while it is): whether each type matches. */
const typeAnswers = new WeakMap<readonly string[], Map<string, boolean>>();
const MAX_TYPE_ANSWERS = 10_000;

function objectFiles(change: Change): string[] {
  return [change.head?.file, change.base?.file].filter((file): file is string => file !== undefined);
}

/** New module calls count as a source change: their code is as unseen as a changed source. */
function moduleChanged(change: Change, which: NonNullable<RuleMatch['moduleChanges']>): boolean {
  if (change.kind !== 'module' || change.action === 'delete') return false;
  if (change.action === 'create') return which.includes('source');
  return which.some((field) => change.changedPaths.includes(field));
}

/**
 * Whether a module call's code is in the tree: a literal `./` or `../` source, but not one into
 * `node_modules` (modules distributed as npm packages): what is there is installed, or committed
 * where Four Eyes does not read it, so such a call is judged as a remote one. So is a source
 * known only when it runs (Terragrunt's `"${include.envcommon.locals.base_source_url}?ref=v1"`;
 * Terraform itself takes only literals): whatever code it names is not read here.
 */
function moduleSourceKind(change: Change): 'local' | 'remote' | null {
  if (change.kind !== 'module') return null;
  if (change.codeUnseen) return 'remote';
  const source = judgedBody(change)?.attributes.find((attribute) => attribute.name === 'source');
  if (source === undefined) return null;
  if (typeof source.value !== 'string') return 'remote';
  return isLocalModuleSource(source.value) && !isPackageDirectorySource(source.value) ? 'local' : 'remote';
}

function isPackageDirectorySource(source: string): boolean {
  return /(^|\/)node_modules(\/|$)/.test(source);
}

/** Created and deleted objects change every attribute they have, and so does one given another provider. */
function subjectPaths(change: Change, body: Body | null): readonly string[] {
  if ((change.action === 'create' || change.action === 'delete' || reassignsProvider(change)) && body)
    return attributePaths(body);
  return change.changedPaths;
}

function firstAttribute(body: Body | null, accept: (path: string) => boolean): PathedAttribute | null {
  if (!body) return null;
  return pathedAttributes(body).find((entry) => accept(entry.path)) ?? null;
}

function valueMatch(body: Body | null, matchers: readonly ValueMatcher[]): PathedAttribute | null {
  if (!body) return null;
  for (const matcher of matchers) {
    const first = valueMatches(body, matcher)[0];
    if (first) return first.entry;
  }
  return null;
}
