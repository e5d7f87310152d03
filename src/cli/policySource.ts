import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_PATH } from '../config/loadPolicy.js';
import { type PolicyInForce, policyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import { UsageError } from './errors.js';

/**
 * The policy judging a change: `--config`, else the BASE tree's `.github/four-eyes.yml` (a change
 * cannot weaken the rules that judge it), else the built-in defaults.
 */
/** The policy file given, else the base directory's, else the defaults (always, when there is no base: a plan alone). */
export function resolvePolicy(configPath: string | undefined, baseDir: string | undefined): PolicyInForce {
  if (configPath === undefined && baseDir === undefined) return policyInForce('built-in defaults', { kind: 'absent' });
  const path = configPath ?? join(baseDir!, POLICY_PATH);
  if (configPath === undefined && !existsSync(path)) return policyInForce('built-in defaults', { kind: 'absent' });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the policy file ${path}`);
  }
  return policyInForce(path, { kind: 'text', text });
}

export function formatConfigErrors(source: string, errors: ConfigError[]): string {
  return errors.map((e) => `${source}:${e.line}:${e.column}: ${e.message}`).join('\n') + '\n';
}
