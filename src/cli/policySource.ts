import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULE_IDS } from '../classify/catalog/index.js';
import { loadPolicy, POLICY_PATH } from '../config/loadPolicy.js';
import { defaultPolicy, type Policy } from '../model/policy.js';
import type { ConfigError } from '../config/yamlSource.js';
import { UsageError } from './errors.js';

export type PolicyResolution =
  | { ok: true; policy: Policy; source: string }
  | { ok: false; source: string; errors: ConfigError[] };

/**
 * The policy judging a change: `--config`, else the BASE tree's `.github/four-eyes.yml` (a change
 * cannot weaken the rules that judge it), else the built-in defaults.
 */
export function resolvePolicy(configPath: string | undefined, baseDir: string): PolicyResolution {
  const path = configPath ?? join(baseDir, POLICY_PATH);
  if (configPath === undefined && !existsSync(path)) return { ok: true, policy: defaultPolicy(), source: 'built-in defaults' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the policy file ${path}`);
  }
  const loaded = loadPolicy(text, BUILTIN_RULE_IDS);
  return loaded.ok ? { ok: true, policy: loaded.policy, source: path } : { ok: false, source: path, errors: loaded.errors };
}

export function formatConfigErrors(source: string, errors: ConfigError[]): string {
  return errors.map((e) => `${source}:${e.line}:${e.column}: ${e.message}`).join('\n') + '\n';
}
