/**
 * Terraform's plan, as `terraform show -json plan.tfplan` prints it ("JSON Output Format",
 * format_version 1.x; 0.x where the fields exist), reduced to what Four Eyes judges: the planned
 * change of every resource instance and output. Field names are ours (camelCase); each one's
 * comment names the JSON field it comes from.
 */

/** A JSON value as the plan holds it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A mirror of a value's shape marking some of its leaves: `after_unknown` (true where the value
 * is known only after apply), `before_sensitive`/`after_sensitive` (true where it is sensitive).
 * `true` alone marks the whole value; `false` (or an absent key) marks nothing.
 */
export type ValueMarks = boolean | ValueMarks[] | { [key: string]: ValueMarks };

/** One element of `change.actions`. */
export type PlanActionName = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/**
 * The planned action, from `change.actions`: a replacement is `delete-then-create` (the default)
 * or `create-then-delete` (`create_before_destroy`); `forget` drops the object from state and
 * destroys nothing (a `removed` block with `destroy = false`, Terraform 1.7+); a replacement whose
 * old object is forgotten rather than destroyed (`lifecycle { destroy = false }`) is
 * `create-then-forget` or `forget-then-create`.
 */
export type PlannedAction =
  | 'no-op'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'delete-then-create'
  | 'create-then-delete'
  | 'forget'
  | 'create-then-forget'
  | 'forget-then-create';

/** A change representation (`change` of a resource change or an output change). */
export interface PlannedChange {
  action: PlannedAction;
  /** `before`: the value before the change; null for a create */
  before: JsonValue;
  /** `after`: the value after the change, with unknown parts omitted or null; null for a delete */
  after: JsonValue;
  /** `after_unknown` */
  afterUnknown: ValueMarks;
  /** `before_sensitive` */
  beforeSensitive: ValueMarks;
  /** `after_sensitive` */
  afterSensitive: ValueMarks;
  /** `replace_paths`: the attribute paths that force a replacement */
  replacePaths: (string | number)[][];
  /**
   * `importing`: present when the plan imports the object (`import` blocks, Terraform 1.5+):
   * its `id` (null when known only at apply, or when imported by identity), and its `identity`
   * when imported by identity (Terraform 1.12+)
   */
  importing: { id: string | null; identity?: JsonValue } | null;
}

export interface ResourceChange {
  /** `address`: the instance's full address (`module.app.aws_s3_bucket.logs["eu"]`) */
  address: string;
  /** `previous_address`: where the object was in state before a move, when it moves */
  previousAddress: string | null;
  /** `module_address` (`module.app`, `module.app["a"].module.db`); null in the root module */
  moduleAddress: string | null;
  /** `mode` */
  mode: 'managed' | 'data';
  /** `type` (`aws_s3_bucket`) */
  type: string;
  /** `name` */
  name: string;
  /** `index`: the instance key of a `count` (number) or `for_each` (string) resource; null otherwise */
  index: string | number | null;
  /** `provider_name` */
  providerName: string | null;
  /** `deposed`: the deposed object's key when the change is about a deposed object */
  deposed: string | null;
  /** `action_reason` (`replace_because_tainted`, `delete_because_no_resource_config`, …) */
  actionReason: string | null;
  change: PlannedChange;
}

export interface OutputChange {
  /** the output's name (its key in `output_changes`) */
  name: string;
  change: PlannedChange;
}

export interface Plan {
  /** where the plan came from (a file path, an artifact's entry): every message names it */
  source: string;
  /** `format_version` */
  formatVersion: string;
  /** `terraform_version`; null when absent */
  terraformVersion: string | null;
  /** `resource_changes`, in the plan's order */
  resourceChanges: ResourceChange[];
  /** `output_changes`, sorted by name */
  outputChanges: OutputChange[];
  /** `errored`: Terraform stopped planning on an error, so the plan is incomplete */
  errored: boolean;
  /**
   * From `configuration`: for each resource of the code (module path without instance keys, then
   * its address: `module.app.aws_iam_policy.ci`), the names of the arguments and blocks the code
   * sets. Null when the plan has no configuration section.
   */
  configuredNames: Record<string, string[]> | null;
}

/** Why a plan cannot be read: where (the file, and the line or the JSON path) and what to do. */
export interface PlanError {
  source: string;
  /** 1-based, when the error is in the JSON syntax */
  line: number | null;
  message: string;
}
