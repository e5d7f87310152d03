import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainEntry,
  ChainVerifier,
  chainHash,
  GENESIS_HASH,
  prepareData,
  type StoredRecord,
  sealRecord,
} from '../../src/audit/chain.js';

const entry = (n: number): ChainEntry => ({
  kind: 'push',
  repository: 'acme/infra',
  pullRequest: null,
  deliveryId: `d${n}`,
  recordedAt: `2026-11-24T10:00:0${n % 10}.000Z`,
  data: { login: 'carol', sha: 'c'.repeat(40), n },
});

function chain(length: number): StoredRecord[] {
  const rows: StoredRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const record = sealRecord(seq, prev, entry(seq));
    rows.push({
      seq,
      kind: record.kind,
      recordedAt: record.recordedAt,
      repository: record.repository,
      pullRequest: record.pullRequest,
      deliveryId: record.deliveryId,
      body: record.body,
      prevHash: record.prevHash,
      hash: record.hash,
    });
    prev = record.hash;
  }
  return rows;
}

function firstBreak(rows: StoredRecord[]): string | null {
  const verifier = new ChainVerifier();
  for (const row of rows) {
    const broken = verifier.check(row);
    if (broken) return `#${broken.position}: ${broken.problem}`;
  }
  return null;
}

describe('the hash chain', () => {
  it('links each record to the one before by sha256 over the previous hash and its canonical content', () => {
    const [first, second] = chain(2);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(first!.hash).toBe(chainHash(GENESIS_HASH, first!.body));
    expect(second!.prevHash).toBe(first!.hash);
    expect(JSON.parse(first!.body)).toMatchObject({ seq: 1, kind: 'push', repository: 'acme/infra', data: { n: 1 } });
  });

  it('an intact chain verifies', () => {
    expect(firstBreak(chain(5))).toBeNull();
  });

  it.each([
    [
      'an edited content',
      (rows: StoredRecord[]) => {
        rows[2] = { ...rows[2]!, body: rows[2]!.body.replace('"carol"', '"mallory"') };
      },
      '#3: record #3 was edited: its content no longer hashes to its stored hash',
    ],
    [
      'an edited column',
      (rows: StoredRecord[]) => {
        rows[2] = { ...rows[2]!, repository: 'acme/other' };
      },
      '#3: record #3 was edited: column repository says "acme/other", the hashed content "acme/infra"',
    ],
    [
      'a deleted record',
      (rows: StoredRecord[]) => {
        rows.splice(2, 1);
      },
      '#3: record #3 is missing: deleted (the next stored record is #4)',
    ],
    [
      'a record deleted and the rest renumbered',
      (rows: StoredRecord[]) => {
        rows.splice(2, 1);
        rows.forEach((r, i) => {
          r.seq = i + 1;
        });
      },
      '#3: record #3 does not follow record #2',
    ],
    [
      'two records swapped',
      (rows: StoredRecord[]) => {
        const a = rows[1]!;
        rows[1] = { ...rows[2]!, seq: 2 };
        rows[2] = { ...a, seq: 3 };
      },
      '#2: record #2 does not follow record #1',
    ],
    [
      'a record inserted',
      (rows: StoredRecord[]) => {
        const forged = sealRecord(3, rows[1]!.hash, entry(9));
        rows.splice(2, 0, { ...forged, pullRequest: null });
        rows.forEach((r, i) => {
          r.seq = i + 1;
        });
      },
      '#4: record #4 does not follow record #3',
    ],
  ])('%s is found, with its position', (_name, tamper, expected) => {
    const rows = chain(6);
    tamper(rows);
    expect(firstBreak(rows)).toContain(expected);
  });
});

describe('data written ahead of sealing', () => {
  it('seals to the same body and hash as data written while sealing, whatever the data and the record', () => {
    const record = fc.record({
      seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      kind: fc.string(),
      repository: fc.string(),
      pullRequest: fc.option(fc.nat()),
      deliveryId: fc.option(fc.string()),
      recordedAt: fc.string(),
      data: fc.dictionary(fc.string(), fc.jsonValue()),
    });
    fc.assert(
      fc.property(record, ({ seq, ...sealed }) => {
        const inPlace = sealRecord(seq, GENESIS_HASH, { ...sealed, data: structuredClone(sealed.data) });
        prepareData(sealed.data);
        const ahead = sealRecord(seq, GENESIS_HASH, sealed);
        expect(ahead.body).toBe(inPlace.body);
        expect(ahead.hash).toBe(inPlace.hash);
      }),
    );
  });
});
