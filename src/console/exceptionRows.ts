import type { ExceptionInUse, PolicyExceptions } from '../audit/consoleStore.js';
import { type ExceptionInForce, recordDataOf } from '../audit/records.js';

/** One exception as the console lists it: what it is, and how often pull requests used it. */
export interface ExceptionRow {
  repository: string;
  exception: ExceptionInForce;
  uses: number;
  /** the latest use's record and who used it (null: never used) */
  latest: { seq: number; usedBy: string } | null;
  /** where the row's description comes from: the latest decision's policy, or only the latest use (an older log) */
  from: 'policy' | 'use';
}

/** The exceptions in force, and those used but dropped from their repository's policy since. */
export interface ExceptionRows {
  inForce: ExceptionRow[];
  dropped: ExceptionRow[];
}

/**
 * Joins each repository's policy exceptions with the recorded uses. A repository whose latest
 * decision predates decisions carrying their policy's exceptions is listed as before: the
 * exceptions it used, as their latest use described them, while not expired.
 */
export function exceptionRows(policies: PolicyExceptions[], used: ExceptionInUse[], today: string): ExceptionRows {
  const key = (repository: string, id: string) => `${repository.toLowerCase()}\n${id}`;
  const uses = new Map(
    used.map((u) => {
      const data = recordDataOf('exception', u.latest);
      return [key(u.repository, data.id), { use: u, data }] as const;
    }),
  );
  const known = new Map(policies.flatMap((p) => (p.exceptions ? [[p.repository.toLowerCase(), p] as const] : [])));
  const inForce: ExceptionRow[] = [];
  for (const policy of known.values())
    for (const exception of policy.exceptions ?? []) {
      const use = uses.get(key(policy.repository, exception.id));
      inForce.push({
        repository: policy.repository,
        exception,
        uses: use?.use.uses ?? 0,
        latest: use ? { seq: use.use.latest.seq, usedBy: use.data.usedBy } : null,
        from: 'policy',
      });
    }
  const listed = new Set(inForce.map((r) => key(r.repository, r.exception.id)));
  const dropped: ExceptionRow[] = [];
  for (const [k, { use, data }] of uses) {
    if (listed.has(k)) continue;
    const row: ExceptionRow = {
      repository: use.repository,
      exception: {
        id: data.id,
        owner: data.owner,
        expires: data.expires,
        description: data.description,
        justification: data.justification,
      },
      uses: use.uses,
      latest: { seq: use.latest.seq, usedBy: data.usedBy },
      from: 'use',
    };
    if (known.has(use.repository.toLowerCase())) dropped.push(row);
    else if (data.expires >= today) inForce.push(row);
  }
  const order = (a: ExceptionRow, b: ExceptionRow) =>
    a.exception.expires.localeCompare(b.exception.expires) ||
    a.repository.localeCompare(b.repository) ||
    a.exception.id.localeCompare(b.exception.id);
  return { inForce: inForce.sort(order), dropped: dropped.sort(order) };
}
