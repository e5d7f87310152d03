import { createHash } from 'node:crypto';
import type { Plan } from './planModel.js';

// TEMPORARY until the planread branch lands (replaced by the canonical digest): do not ship.
export function planDigest(plan: Plan): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(plan.resourceChanges)).digest('hex')}`;
}
