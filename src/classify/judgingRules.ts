import type { Change } from '../change/changeSet.js';
import type { Rule } from '../model/policy.js';
import { inputDescribesOnly } from './descriptiveChanges.js';

/** Value rules that match references written in code (`data.http.x`), not values. */
const REFERENCE_RULES: ReadonlySet<string> = new Set(['terraform-control.terraform.fetched-value']);

/** Attribute paths that describe an object without changing what it does. */
const METADATA_PATH = /(^|\.)(tags|tags_all|labels|description|display_name|annotations)$/;

/**
 * Metadata that can grant access: tags and labels are ABAC conditions, and a Kubernetes service
 * account's annotations name the cloud role it acts as (IRSA's `eks.amazonaws.com/role-arn`).
 * A description or display name grants nothing.
 */
const GRANTING_METADATA_PATH = /(^|\.)(tags|tags_all|labels|annotations)$/;

/** Attribute paths that order an object's operations: the plan shows no change of the object for them. */
const ORDERING_PATH = /^(depends_on|lifecycle\.create_before_destroy)$/;

/**
 * The rules that judge a change. An update of descriptive metadata or ordering only (tags,
 * labels, descriptions, display names, `depends_on`, `create_before_destroy`) is judged by the
 * rules that name attributes or values, not by those that fire on any change of a type — except
 * identity rules where tags, labels or annotations changed, which can grant access.
 * A change that exists only through a new var file (a new deployment of its root) is judged by
 * the value rules (what it sets), a removed var file's by none: neither creates or destroys
 * anything in an existing state.
 */
export function rulesFor(change: Change, rules: readonly Rule[]): readonly Rule[] {
  if (change.varFileStatus === 'removed') return [];
  // A var file holds literals only: rules that look for references in values cannot concern it.
  if (change.varFileStatus === 'added')
    return rules.filter((rule) => rule.match.values !== undefined && !REFERENCE_RULES.has(rule.id));
  const paths = change.changedPaths;
  const metadataOnly =
    change.action === 'update' &&
    paths.length > 0 &&
    paths.every((path) => METADATA_PATH.test(path) || ORDERING_PATH.test(path) || inputDescribesOnly(change, path));
  if (!metadataOnly) return rules;
  // A module call's inputs are matched by name: one whose value only describes changed (a
  // permission set's description) is not the access the name stands for.
  if (change.kind === 'module') return rules.filter((rule) => rule.match.values !== undefined);
  const describes = paths.some((path) => GRANTING_METADATA_PATH.test(path));
  return rules.filter(
    (rule) =>
      rule.match.attributes !== undefined ||
      rule.match.values !== undefined ||
      (describes && rule.id.startsWith('identity.')),
  );
}
