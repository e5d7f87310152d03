import type { AuditStore } from './auditStore.js';
import { type ChainBreak, ChainVerifier } from './chain.js';

export type VerifyResult =
  | { intact: true; count: number; head: { seq: number; hash: string } | null; anchors: number }
  | { intact: false; checked: number; breakAt: ChainBreak };

export interface VerifyOptions {
  /** records whose hash was kept elsewhere (a check run's footer, a ticket): `seq` must still hash to `hash` */
  expect?: { seq: number; hash: string }[];
  onProgress?: (checked: number) => void;
}

/**
 * Walks the whole chain from the first record and stops at the first broken link. A chain whose
 * every link holds can still have been rewritten from some record on, hashes and all; a hash kept
 * outside the store (`expect`) rules that out up to that record.
 */
export async function verifyChain(store: AuditStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  const anchors = new Map((options.expect ?? []).map((a) => [a.seq, a.hash]));
  let checked = 0;
  let head: { seq: number; hash: string } | null = null;
  for await (const row of store.records()) {
    const broken = verifier.check(row);
    if (broken) return { intact: false, checked, breakAt: broken };
    const anchored = anchors.get(row.seq);
    if (anchored !== undefined && anchored !== row.hash) {
      return {
        intact: false,
        checked,
        breakAt: {
          position: row.seq,
          problem: `record #${row.seq} hashes to ${row.hash.slice(0, 23)}…, not the ${anchored.slice(0, 23)}… kept outside the store: the chain was rewritten from here or before`,
        },
      };
    }
    anchors.delete(row.seq);
    checked++;
    head = { seq: row.seq, hash: row.hash };
    if (checked % 10_000 === 0) options.onProgress?.(checked);
  }
  const missing = [...anchors.keys()].sort((a, b) => a - b)[0];
  if (missing !== undefined)
    return {
      intact: false,
      checked,
      breakAt: {
        position: missing,
        problem: `record #${missing}, whose hash was kept outside the store, is not in it: records were deleted from the end`,
      },
    };
  return { intact: true, count: checked, head, anchors: options.expect?.length ?? 0 };
}
