import { createHash } from 'node:crypto';
import type { Finding } from '../classify/classify.js';

/**
 * A stable hash of what a change does: the findings without their line numbers (moving code
 * around is not a new impact), with the resulting values of their changed paths and the routes
 * of changed values (what the reviewer saw: a benign policy edit and `iam:PassRole` on `*` at the
 * same path differ). Two head SHAs with the same digest have the same impact, which
 * `retain_approvals: same-impact` relies on.
 */
export function impactDigest(findings: readonly Finding[]): string {
  const canonical = findings
    .map((f) => [
      f.module,
      f.address,
      f.kind,
      f.action,
      f.tier,
      f.ruleId,
      [...f.changedPaths].sort(),
      f.valueDigest ?? '',
      [...(f.via ?? [])].sort(),
      [...(f.instances ?? [])].sort(),
    ])
    .map((entry) => JSON.stringify(entry))
    .sort();
  return 'sha256:' + createHash('sha256').update(canonical.join('\n')).digest('hex');
}
