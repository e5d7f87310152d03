// TEMPORARY (replaced by the planread branch at merge): the smallest reader with the final signature.
import type { Plan, PlanError } from './planModel.js';
import { configuredNames } from './configuredNames.js';

export function readPlan(text: string, source: string): { plan: Plan } | { error: PlanError } {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: { source, line: null, message: String(error) } };
  }
  const actionOf = (actions: string[]): any =>
    actions.length === 2 ? (actions[0] === 'delete' ? 'delete-then-create' : 'create-then-delete') : actions[0];
  const change = (c: any) => ({
    action: actionOf(c.actions),
    before: c.before ?? null,
    after: c.after ?? null,
    afterUnknown: c.after_unknown ?? false,
    beforeSensitive: c.before_sensitive ?? false,
    afterSensitive: c.after_sensitive ?? false,
    replacePaths: c.replace_paths ?? [],
    importing: c.importing ? { id: c.importing.id ?? null } : null,
  });
  return {
    plan: {
      source,
      formatVersion: json.format_version,
      terraformVersion: json.terraform_version ?? null,
      resourceChanges: (json.resource_changes ?? []).map((r: any) => ({
        address: r.address,
        previousAddress: r.previous_address ?? null,
        moduleAddress: r.module_address ?? null,
        mode: r.mode,
        type: r.type,
        name: r.name,
        index: r.index ?? null,
        providerName: r.provider_name ?? null,
        deposed: r.deposed ?? null,
        actionReason: r.action_reason ?? null,
        change: change(r.change),
      })),
      outputChanges: Object.entries(json.output_changes ?? {}).map(([name, c]) => ({ name, change: change(c) })),
      errored: json.errored === true,
      configuredNames: configuredNames(json.configuration),
    },
  };
}
