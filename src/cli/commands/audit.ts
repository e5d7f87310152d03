import { existsSync } from 'node:fs';
import type { RecordFilter } from '../../audit/auditStore.js';
import { csvHeader, csvLine, EXPORT_KINDS, type ExportKind, exportRows, jsonLine } from '../../audit/export.js';
import { type AuditServices, openAudit } from '../../audit/services.js';
import { verifyChain } from '../../audit/verify.js';
import { outputFormat, parseCommandArgs, rejectPositionals } from '../args.js';
import { UsageError } from '../errors.js';
import { storeLocation } from '../storeLocation.js';
import type { CommandContext, CommandResult, Output } from './result.js';

export const auditHelp = `Usage: four-eyes audit verify|export [options]
       four-eyes audit verify [--expect <seq>:<hash>]...
       four-eyes audit export [--repo owner/name] [--since <date>] [--until <date>] [--kind decisions|exceptions|break-glass|pushes|blocked-attempts|merge-groups|executions] [--format jsonl|csv]

The audit store: PostgreSQL when DATABASE_URL is set, else PGlite in FOUR_EYES_DATA_DIR
(default ./.four-eyes), exactly as the app uses it.

verify   walks the hash chain from the first record and reports the first broken link (an
         edited, deleted, inserted or reordered record) with its position: exit 1. Intact: the
         record count and the head's hash, exit 0. --expect checks a record against a hash kept
         elsewhere (each check run names its record), which also catches a rewritten chain.
export   the records, oldest first, as JSON lines (every field) or CSV (the columns auditors
         filter by). --since is inclusive, --until exclusive; a date without a time means the
         start of that day (UTC) for --since and the end of it for --until. Progress on stderr.`;

export async function runAudit(argv: string[], { io, env }: CommandContext): Promise<CommandResult> {
  return { stdout: '', exitCode: await auditToStreams(argv, io, env) };
}

async function auditToStreams(argv: string[], io: Output, env: CommandContext['env']): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(auditHelp + '\n');
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'verify' && sub !== 'export')
    throw new UsageError(`audit: unknown subcommand "${sub}"; expected verify or export`);
  const run = sub === 'verify' ? parseVerify(rest) : parseExport(rest);
  if (run === 'help') {
    io.stdout.write(auditHelp + '\n');
    return 0;
  }
  const location = storeLocation(env);
  // Reading a directory that is not there would create an empty store and call it intact.
  if (!location.databaseUrl && !existsSync(location.dataDir)) {
    throw new UsageError(
      `audit: there is no audit store in ${location.dataDir}; point FOUR_EYES_DATA_DIR at the app's data directory, or set DATABASE_URL`,
    );
  }
  const audit = await openAudit(location).catch((error: Error) => {
    throw new UsageError(`audit: cannot open the audit store: ${error.message}`);
  });
  try {
    return await run(audit, io);
  } finally {
    await audit.close();
  }
}

type Run = (audit: AuditServices, io: Output) => Promise<number>;

function parseVerify(argv: string[]): Run | 'help' {
  const { values, positionals } = parseCommandArgs('audit verify', argv, {
    expect: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  rejectPositionals('audit verify', positionals);
  const expect = ((values.expect as string[] | undefined) ?? []).map(parseAnchor);
  return async (audit, io) => {
    const result = await verifyChain(audit.records, {
      expect,
      onProgress: (n) => io.stderr.write(`audit verify: ${n} records checked\n`),
    });
    if (!result.intact) {
      io.stdout.write(
        `BROKEN at record #${result.breakAt.position}: ${result.breakAt.problem}\n${result.checked} record(s) before it are intact.\n`,
      );
      return 1;
    }
    const head = result.head ? `; head #${result.head.seq} ${result.head.hash}` : '';
    io.stdout.write(
      `intact: ${result.count} record(s)${head}${result.anchors ? `; ${result.anchors} kept hash(es) match` : ''} (${audit.db.kind}: ${audit.db.location})\n`,
    );
    return 0;
  };
}

function parseAnchor(text: string): { seq: number; hash: string } {
  const match = /^(\d+):(sha256:[0-9a-f]{64})$/.exec(text);
  if (!match)
    throw new UsageError(
      `audit verify: --expect takes <seq>:sha256:<64 hex digits>, as the check run prints it; got "${text}"`,
    );
  return { seq: Number(match[1]), hash: match[2]! };
}

function parseExport(argv: string[]): Run | 'help' {
  const { values, positionals } = parseCommandArgs('audit export', argv, {
    repo: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  rejectPositionals('audit export', positionals);
  const format = outputFormat('audit export', values.format, ['jsonl', 'csv'] as const, 'jsonl');
  const filter: RecordFilter = {};
  if (values.repo !== undefined) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(values.repo as string))
      throw new UsageError(`audit export: --repo takes owner/name, got "${String(values.repo)}"`);
    filter.repository = values.repo as string;
  }
  if (values.since !== undefined) filter.since = parseTime('since', values.since as string);
  if (values.until !== undefined) filter.until = parseTime('until', values.until as string);
  if (values.kind !== undefined) {
    const kind = values.kind as string;
    if (!(kind in EXPORT_KINDS))
      throw new UsageError(
        `audit export: --kind must be one of ${Object.keys(EXPORT_KINDS).join(', ')}, got "${kind}"`,
      );
    filter.kinds = EXPORT_KINDS[kind as ExportKind];
  }
  return async (audit, io) => {
    const total = await audit.records.count(filter);
    if (format === 'csv') io.stdout.write(csvHeader());
    let written = 0;
    for await (const row of exportRows(audit.records, filter)) {
      io.stdout.write(format === 'csv' ? csvLine(row) : jsonLine(row));
      if (++written % 10_000 === 0) io.stderr.write(`audit export: ${written} of ${total} records\n`);
    }
    io.stderr.write(`audit export: ${written} record(s)\n`);
    return 0;
  };
}

/** A date (YYYY-MM-DD, UTC) or an ISO-8601 time; a bare --until date covers that whole day. */
function parseTime(option: 'since' | 'until', text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(day)) throw new UsageError(`audit export: --${option} is not a date: "${text}"`);
    return new Date(option === 'until' ? day + 86_400_000 : day).toISOString();
  }
  const time = Date.parse(text);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(text))
    throw new UsageError(
      `audit export: --${option} must be a date (2026-11-24) or an ISO-8601 time (2026-11-24T12:00:00Z), got "${text}"`,
    );
  return new Date(time).toISOString();
}
