import type { ServerResponse } from 'node:http';
import type { ConsoleStore, RecordQuery } from '../audit/consoleStore.js';
import { csvHeader, csvLine, jsonLine, toRow } from '../audit/export.js';

export type ExportFormat = 'csv' | 'jsonl';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Streams the records that match, newest first, a page at a time: memory stays flat however
 * many match, and a slow reader slows the reads (each write waits for the socket to drain). CSV
 * cells are quoted as RFC 4180 says and a cell a spreadsheet would run as a formula is defused
 * (src/audit/export.ts); JSON Lines carry each record whole.
 */
export async function streamExport(
  res: ServerResponse,
  store: ConsoleStore,
  query: RecordQuery,
  format: ExportFormat,
  now: Date,
  pageSize = 500,
): Promise<void> {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="four-eyes-records-${stamp}.${format}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (format === 'csv') await write(res, csvHeader());
  try {
    for await (const record of store.matching(query, pageSize)) {
      const row = toRow(record);
      await write(res, format === 'csv' ? csvLine(row) : jsonLine(row));
    }
  } catch (error) {
    // The status is sent already: cut the download short, so it cannot pass for a complete one.
    res.destroy(error as Error);
    throw error;
  }
  res.end();
}

function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('the reader went away'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
