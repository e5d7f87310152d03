import type { ValueMode } from './expressions.js';

/**
 * What the JSON reader knows of Terraform's block structure. JSON has no syntax for "this is a
 * block": Terraform decides with the language's own schema (for `resource`, `variable`, …) and
 * the provider's schema (for the arguments of a resource), which a static reader does not have.
 * The language's part is written out here; for the provider's part see `guessesBlocks`.
 */

export interface BlockSpec {
  /** what each label is, for messages ("resource type", "resource name") */
  labels: readonly string[];
  body: BodySpec;
}

export interface BodySpec {
  /** how argument values are read, where it differs from `defaultMode` */
  modes: Readonly<Record<string, ValueMode>>;
  defaultMode: ValueMode;
  /** the nested block types of the language in this body */
  blocks: Record<string, BlockSpec>;
  /**
   * Provider-defined bodies (resources, data sources, providers and the blocks inside them):
   * any other key whose value is a JSON object, or a non-empty array of JSON objects, is read
   * as nested block(s) of type `key` with no labels, one block per array element, unless the
   * key is one of `MAP_TYPED_ARGUMENTS` (or one of this body's `modes`). That matches how
   * generators (CDKTF, `terraform-json` writers) emit blocks, and misreads only an object- or
   * list-of-objects-typed argument that is not in the list; such a misreading still names the
   * right attribute paths, only as a block instead of an attribute.
   */
  guessesBlocks: boolean;
  /** the body of guessed nested blocks */
  nested?: BodySpec;
}

/**
 * Provider arguments that are maps or objects (so a JSON object there is a value, not a
 * block), taken from the schemas of the AWS, Google, Azure, Kubernetes, Helm, null, random,
 * external, http, template and terraform providers. Where a provider uses the same name for a
 * nested block, `blockIn` lists the resource-type prefixes where it is a block; `onlyIn`
 * restricts a name that is a map only in a few resource types.
 */
export const MAP_TYPED_ARGUMENTS: ReadonlyMap<string, { blockIn?: readonly string[]; onlyIn?: readonly string[] }> =
  new Map([
    // tags and labels: AWS, Azure, Google, Kubernetes (inside `metadata`)
    ['tags', {}],
    ['tags_all', {}],
    ['volume_tags', {}],
    ['labels', { blockIn: ['spacelift_stacks'] }],
    ['annotations', {}],
    ['resource_labels', {}],
    ['user_labels', {}],
    ['node_labels', {}],
    ['default_labels', {}],
    ['resource_manager_tags', {}],
    // Google compute instance metadata is a map; Kubernetes and Cloud Run (v1) `metadata` are blocks.
    ['metadata', { blockIn: ['kubernetes_', 'google_cloud_run_service', 'google_cloud_run_domain_mapping'] }],
    // environment and settings maps
    ['variables', {}], // aws_lambda_function.environment.variables, aws_api_gateway_stage
    ['environment_variables', {}],
    ['build_environment_variables', {}],
    ['app_settings', {}],
    ['parameters', { blockIn: ['kubernetes_'] }], // aws_cloudformation_stack, aws_ssm_association, aws_glue_*
    ['default_arguments', {}],
    ['advanced_options', {}],
    ['airflow_configuration_options', {}],
    ['dimensions', {}], // aws_cloudwatch_metric_alarm
    ['attribute_mapping', {}], // google_iam_workload_identity_pool_provider
    ['purpose_data', {}], // google_tags_tag_key
    ['body', {}], // azapi_resource, azapi_update_resource: any object
    ['options', { blockIn: ['auth0_'] }], // vault_mount
    ['input_paths', {}], // aws_cloudwatch_event_target.input_transformer
    ['http_headers', {}], // grafana_data_source
    ['extra_properties', {}], // opsgenie_integration_action
    ['inputs', {}], // null_data_source
    ['config', { onlyIn: ['terraform_remote_state'] }],
    ['defaults', { onlyIn: ['terraform_remote_state'] }],
    ['request_parameters', {}],
    ['request_templates', {}],
    ['request_models', {}],
    ['response_parameters', {}],
    ['response_templates', {}],
    ['response_models', {}],
    // Kubernetes maps
    ['data', {}],
    ['binary_data', {}],
    ['node_selector', {}],
    ['match_labels', {}],
    ['limits', {}],
    ['requests', {}],
    ['selector', { onlyIn: ['kubernetes_service'] }],
    ['manifest', {}], // kubernetes_manifest: any object
    ['hard', {}], // kubernetes_resource_quota
    // utility providers
    ['triggers', {}], // null_resource, aws_api_gateway_deployment
    ['keepers', {}], // random_*
    ['triggers_replace', {}], // terraform_data
    ['input', {}], // terraform_data
    ['query', {}], // external
    ['request_headers', {}], // http
    ['vars', {}], // template_file
  ]);

/** `record[key]` for the record's own keys only: property names come from the input, and "constructor" is not a block type. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether `name` is a map/object-typed argument in a body of `resourceType` (or provider name). */
export function isMapTypedArgument(name: string, resourceType: string): boolean {
  const entry = MAP_TYPED_ARGUMENTS.get(name);
  if (!entry) return false;
  if (entry.onlyIn && !entry.onlyIn.some((prefix) => resourceType.startsWith(prefix))) return false;
  return !entry.blockIn?.some((prefix) => resourceType.startsWith(prefix));
}

function body(
  defaultMode: ValueMode,
  modes: Record<string, ValueMode> = {},
  blocks: Record<string, BlockSpec> = {},
): BodySpec {
  return { defaultMode, modes, blocks, guessesBlocks: false };
}

function block(body: BodySpec, ...labels: string[]): BlockSpec {
  return { labels, body };
}

const templateAttributes = body('template');
const literalAttributes = body('literal');
const condition = block(templateAttributes);

/** `connection`: `type` is read literally, the rest are expressions. */
const connection = block(body('template', { type: 'literal' }));

/** `provisioner "local-exec" { … }`: arguments only (`environment` there is a map), plus `connection`. */
const provisioner = block(
  body('template', { when: 'reference', on_failure: 'reference' }, { connection }),
  'provisioner type',
);

/** Blocks inside provider-defined bodies: guessed, with `dynamic` blocks allowed at every level. */
const providerDefinedNested: BodySpec = { defaultMode: 'template', modes: {}, blocks: {}, guessesBlocks: true };
providerDefinedNested.nested = providerDefinedNested;

const dynamic = block(
  body('template', { iterator: 'reference' }, { content: block(providerDefinedNested) }),
  'block type',
);
providerDefinedNested.blocks.dynamic = dynamic;

const lifecycle = block(
  body(
    'template',
    { ignore_changes: 'reference', replace_triggered_by: 'reference' },
    {
      precondition: condition,
      postcondition: condition,
      action_trigger: block(body('template', { actions: 'reference', events: 'reference' })),
    },
  ),
);

/** `resource`, `data` and `ephemeral` bodies: meta-arguments of the language, the rest the provider's. */
const resourceBody: BodySpec = {
  defaultMode: 'template',
  modes: { count: 'template', for_each: 'template', provider: 'reference', depends_on: 'reference' },
  blocks: { lifecycle, connection, provisioner, dynamic, timeouts: block(templateAttributes) },
  guessesBlocks: true,
  nested: providerDefinedNested,
};

const providerBody: BodySpec = {
  defaultMode: 'template',
  modes: { alias: 'literal', version: 'literal' },
  blocks: { dynamic },
  guessesBlocks: true,
  nested: providerDefinedNested,
};

/** Module inputs are all arguments, whatever their JSON shape. */
const moduleBody = body('template', {
  source: 'literal',
  version: 'literal',
  providers: 'reference',
  depends_on: 'reference',
});

const variableBody = body(
  'template',
  { type: 'reference', default: 'literal', description: 'literal' },
  { validation: condition },
);

const outputBody = body(
  'template',
  { description: 'literal', sensitive: 'literal', depends_on: 'reference' },
  { precondition: condition },
);

const terraformBody = body(
  'literal',
  { experiments: 'reference' },
  {
    required_providers: block(body('providerRequirement')),
    backend: block(literalAttributes, 'backend type'),
    cloud: block(body('literal', {}, { workspaces: block(literalAttributes) })),
    provider_meta: block(literalAttributes, 'provider name'),
  },
);

const removedBody = body(
  'template',
  { from: 'reference' },
  {
    lifecycle: block(templateAttributes),
    connection,
    provisioner,
  },
);

/** The top-level block types of the Terraform language (configs' file schema). */
export const TOP_LEVEL_BLOCKS: Readonly<Record<string, BlockSpec>> = {
  terraform: block(terraformBody),
  provider: block(providerBody, 'provider name'),
  variable: block(variableBody, 'variable name'),
  locals: block(templateAttributes),
  output: block(outputBody, 'output name'),
  module: block(moduleBody, 'module name'),
  resource: block(resourceBody, 'resource type', 'resource name'),
  data: block(resourceBody, 'data source type', 'data source name'),
  ephemeral: block(resourceBody, 'ephemeral resource type', 'ephemeral resource name'),
  action: block(resourceBody, 'action type', 'action name'),
  moved: block(body('template', { from: 'reference', to: 'reference' })),
  import: block(body('template', { to: 'reference', provider: 'reference' })),
  removed: block(removedBody),
  check: block(
    body(
      'template',
      {},
      {
        data: block(resourceBody, 'data source type', 'data source name'),
        assert: condition,
      },
    ),
    'check name',
  ),
};
