import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Attribute, Expression } from '../terraform/model.js';
import type { SharedContext } from './contextSharing.js';
import type { FileReader } from './fileFunctions.js';
import type { SourceLink } from './sources.js';
import type { VarAssignment } from './varFiles.js';

/** Arguments of a module block that are not inputs of the module: a change of one may change every value of the call. */
export const CALL_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
]);

/** One revision of the configuration, as the resolver reads it. */
export interface ConfigurationSide {
  /** module directory → address → object */
  modules: Map<string, Map<string, ComparableObject>>;
  files: FileReader;
  /** the value files the change touches (not Terraform, var files or prose), sorted: what a path known only at apply time may name */
  changedValueFiles?: readonly string[];
}

/** A value given to a called module's variable: the caller's expression, read in the caller's scope. */
export interface ModuleInput {
  attribute: Attribute;
  scope: ModuleScope;
  callName: string;
  file: string;
}

/** One instance of one module directory inside one root: where its references point. */
export interface ModuleScope {
  /** unique per root, variable-file context and call path */
  key: string;
  root: string;
  /** the module directory whose code this is */
  dir: string;
  /** `module.a.module.b.` for objects inside calls; '' in the root itself */
  callPath: string;
  /** null in the root, whose variables are set by var files */
  inputs: Map<string, ModuleInput> | null;
  /** the name of the call (in the module one up the chain) this is an instance of; absent in the root */
  callName?: string;
  rootValues: Map<string, VarAssignment> | null;
  /**
   * The module a `terragrunt.hcl` runs: the Terraform root of the deployment (Terragrunt copies
   * the deployment's directory into it). The deployment's var files (`terraform.tfvars` beside the
   * `terragrunt.hcl`, `-var-file`s) set its variables over the `inputs`, which Terragrunt passes
   * as `TF_VAR_`s; `rootValues` holds them.
   */
  deploymentRoot?: true;
  /** the module directories from the root down to this one */
  chainDirs: string[];
  /** in a var-file context: what it shares with the root's auto-loaded context, resolved before it */
  shared?: SharedContext;
  /**
   * The call, from the root down, whose `count`/`for_each` is empty only by a root variable's
   * default: this module instance exists only if the deployment sets that variable.
   */
  byRootDefault?: string;
  /**
   * For one instance of a call with `for_each` whose keys are known (`module.app["a"]`): its key,
   * so that `each.key` and `each.value` in the call's inputs are that key and its entry.
   */
  eachKey?: string;
}

export interface Resolved {
  expr: Expression;
  /** every source the value was read through */
  links: SourceLink[];
}
