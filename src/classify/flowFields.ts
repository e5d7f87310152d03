import { createHash } from 'node:crypto';
import type { Change } from '../change/changeSet.js';
import type { ValueTrace } from '../flow/sources.js';
import { pathedAttributes } from './bodyAttributes.js';
import { judgedBody } from './ruleMatch.js';

/** What a finding says about where its change came from, and a digest of the values it judged. */
export interface FlowFields {
  via?: string[];
  sources?: { file: string; line: number }[];
  instances?: string[];
  varFile?: string;
  valueDigest: string;
}

export function flowFields(change: Change): FlowFields {
  const fields: FlowFields = { valueDigest: valueDigest(change) };
  if (change.via?.length) {
    fields.via = change.via.map((trace) => traceText(change.address, trace));
    fields.sources = uniqueSources(change.via);
  }
  if (change.instances?.length)
    fields.instances = change.instances.map((instance) => `${instance.root}: ${instance.address}`);
  if (change.varFile) fields.varFile = change.varFile;
  return fields;
}

/** `terraform.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks` */
function traceText(address: string, trace: ValueTrace): string {
  const steps = trace.steps.map((step, i) =>
    i === 0 && !step.label.startsWith(step.file) && step.file
      ? `${step.label} (${step.file}:${step.line})`
      : step.label,
  );
  return trace.path === '' ? steps.join(' → ') : [...steps, `${address} ${trace.path}`].join(' → ');
}

function uniqueSources(via: readonly ValueTrace[]): { file: string; line: number }[] {
  const seen = new Map<string, { file: string; line: number }>();
  for (const trace of via) {
    const first = trace.steps[0];
    if (first?.file) seen.set(`${first.file}:${first.line}`, { file: first.file, line: first.line });
  }
  return [...seen.values()];
}

/**
 * The resulting values of every changed path (every path of a created or deleted object), and the
 * routes changed values took: two heads with equal digests show a reviewer the same values.
 */
function valueDigest(change: Change): string {
  const body = judgedBody(change);
  const changed = new Set(change.changedPaths);
  const whole = change.action === 'create' || change.action === 'delete';
  const values: string[] = [];
  if (body)
    for (const entry of pathedAttributes(body))
      if (whole || changed.has(entry.path) || underChangedPath(entry.path, changed))
        values.push(`${entry.path}=${entry.attribute.text}`);
  const routes = (change.via ?? []).map((trace) => traceText(change.address, trace));
  return createHash('sha256')
    .update(JSON.stringify([values.sort(), routes.sort()]))
    .digest('hex')
    .slice(0, 32);
}

/** Whether some changed path followed by `.` starts `path`: a lookup per `.` in it, not a scan of every changed path. */
function underChangedPath(path: string, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1))
    if (changed.has(path.slice(0, dot))) return true;
  return false;
}
