/**
 * The names each resource of a plan's `configuration` sets in code (its `expressions`: arguments
 * and nested blocks), keyed by module path and address (`module.app.aws_iam_policy.ci`). What a
 * provider computes (`id`, `arn`) is not among them. Null when the plan has no configuration.
 */
export function configuredNames(configuration: unknown): Record<string, string[]> | null {
  if (!isObject(configuration) || !isObject(configuration.root_module)) return null;
  const out: Record<string, string[]> = {};
  collect(configuration.root_module, '', out);
  return out;
}

function collect(module: Record<string, unknown>, prefix: string, out: Record<string, string[]>): void {
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(resource) || typeof resource.address !== 'string') continue;
    const names = isObject(resource.expressions) ? Object.keys(resource.expressions) : [];
    out[prefix + resource.address] = names.sort();
  }
  const calls = isObject(module.module_calls) ? module.module_calls : {};
  for (const [name, call] of Object.entries(calls)) {
    if (isObject(call) && isObject(call.module)) collect(call.module, `${prefix}module.${name}.`, out);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
