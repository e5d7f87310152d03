import { storeLocation } from '../../audit/database.js';
import { openAudit } from '../../audit/services.js';
import { UsageError } from '../errors.js';
import type { Output } from './audit.js';
import { evaluateFromArgs } from './evaluate.js';

/**
 * `four-eyes evaluate ... --record`: the decision is printed as usual and appended to the audit
 * store as a decision record, so the whole chain (record, verify, export) runs without GitHub.
 */
export async function runEvaluateRecorded(argv: string[], io: Output, env: Record<string, string | undefined>): Promise<number> {
  const evaluated = evaluateFromArgs(argv);
  if ('result' in evaluated) {
    io.stdout.write(evaluated.result.stdout);
    if (evaluated.result.stderr) io.stderr.write(evaluated.result.stderr);
    return evaluated.result.exitCode;
  }
  io.stdout.write(evaluated.output.stdout);
  if (evaluated.record) {
    const audit = await openAudit(storeLocation(env)).catch((error: Error) => {
      throw new UsageError(`evaluate: cannot open the audit store: ${error.message}`);
    });
    try {
      const { decision } = evaluated;
      const [record] = await audit.records.append([{
        kind: 'decision', repository: decision.repository, pullRequest: decision.number, deliveryId: null,
        recordedAt: new Date().toISOString(), data: { ...decision, recordedBy: 'four-eyes evaluate --record' },
      }]);
      io.stderr.write(`four-eyes: recorded as audit record #${record!.seq} ${record!.hash} (${audit.db.kind}: ${audit.db.location})\n`);
    } finally {
      await audit.close();
    }
  }
  return evaluated.output.exitCode;
}
