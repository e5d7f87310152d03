import type { Command } from './commands/result.js';

/**
 * Each command's module, loaded when that command runs: the process loads what one command
 * needs, not the audit store's drivers and the policy validators for an `inventory` (a third of
 * a second). main.ts lists the same commands, loaded together, for the usage and for embedding.
 */
export const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  inventory: async () => {
    const m = await import('./commands/inventory.js');
    return { run: m.runInventory, help: m.inventoryHelp };
  },
  diff: async () => {
    const m = await import('./commands/diff.js');
    return { run: m.runDiff, help: m.diffHelp };
  },
  classify: async () => {
    const m = await import('./commands/classify.js');
    return { run: m.runClassify, help: m.classifyHelp };
  },
  evaluate: async () => {
    const m = await import('./commands/evaluate.js');
    return { run: m.runEvaluate, help: m.evaluateHelp };
  },
  'plan-digest': async () => {
    const m = await import('./commands/planDigest.js');
    return { run: m.runPlanDigest, help: m.planDigestHelp };
  },
  'validate-config': async () => {
    const m = await import('./commands/validateConfig.js');
    return { run: m.runValidateConfig, help: m.validateConfigHelp };
  },
  catalog: async () => {
    const m = await import('./commands/catalog.js');
    return { run: m.runCatalog, help: m.catalogHelp };
  },
  audit: async () => {
    const m = await import('./commands/audit.js');
    return { run: m.runAudit, help: m.auditHelp };
  },
};
