import { openAudit } from '../../audit/services.js';
import type { Decision } from '../../policy/decision.js';
import { UsageError } from '../errors.js';
import { storeLocation } from '../storeLocation.js';
import type { CommandContext, CommandResult } from './result.js';

/**
 * `four-eyes evaluate ... --record`: the decision is printed as usual and appended to the audit
 * store as a decision record, so the whole chain (record, verify, export) runs without GitHub.
 * The decision is printed first: a store that cannot be opened loses nothing already decided.
 */
export async function recordEvaluation(
  decision: Decision,
  output: CommandResult,
  { io, env }: CommandContext,
): Promise<CommandResult> {
  io.stdout.write(output.stdout);
  const audit = await openAudit(storeLocation(env)).catch((error: Error) => {
    throw new UsageError(`evaluate: cannot open the audit store: ${error.message}`);
  });
  try {
    const [record] = await audit.records.append([
      {
        kind: 'decision',
        repository: decision.repository,
        pullRequest: decision.number,
        deliveryId: null,
        recordedAt: new Date().toISOString(),
        data: { ...decision, recordedBy: 'four-eyes evaluate --record' },
      },
    ]);
    return {
      stdout: '',
      stderr: `four-eyes: recorded as audit record #${record!.seq} ${record!.hash} (${audit.db.kind}: ${audit.db.location})\n`,
      exitCode: output.exitCode,
    };
  } finally {
    await audit.close();
  }
}
