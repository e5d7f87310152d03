import type { ComparableObject } from '../terraform/comparableObjects.js';

/** A provider requirement as Terraform installs it: normalized source, and the version constraint written. */
interface Requirement {
  source: string;
  version: string;
}

/**
 * The provider requirements of a configuration: every `required_providers` entry of the module
 * directories given (a root and the local modules it calls), by source, with the constraints.
 */
export function requirementsOf(
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
  dirs: Iterable<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const dir of dirs) {
    for (const object of modules.get(dir)?.values() ?? []) {
      const requirement = requirementOf(object);
      if (!requirement) continue;
      const versions = out.get(requirement.source) ?? new Set<string>();
      versions.add(requirement.version);
      out.set(requirement.source, versions);
    }
  }
  return out;
}

/**
 * Whether a requirement is one the configuration already had: the same plugin from the same
 * source, with no constraint or one already written. Terraform installs one plugin per source for
 * the whole configuration, so requiring it again in another module instance (a module call that
 * now has instances, a new var file deploying more of the root) runs no new code.
 */
export function alreadyRequired(object: ComparableObject, before: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const requirement = requirementOf(object);
  if (!requirement) return false;
  const versions = before.get(requirement.source);
  return versions !== undefined && (requirement.version === '' || versions.has(requirement.version));
}

/** `registry.terraform.io/hashicorp/aws`, `aws` and a bare `aws = "~> 5.0"` are all `hashicorp/aws`. */
function requirementOf(object: ComparableObject): Requirement | null {
  if (object.kind !== 'required_provider' || !object.attribute) return null;
  const name = object.address.slice(object.address.lastIndexOf('.') + 1);
  const value = object.attribute.value;
  if (typeof value === 'string') return { source: `hashicorp/${name.toLowerCase()}`, version: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const source = value.source;
  const version = value.version;
  if (source !== undefined && typeof source !== 'string') return null;
  if (version !== undefined && typeof version !== 'string') return null;
  return { source: normalizedSource(source ?? name), version: version ?? '' };
}

function normalizedSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 3 && parts[0] === 'registry.terraform.io') parts.shift();
  return parts.length === 1 ? `hashicorp/${parts[0]}` : parts.join('/');
}
