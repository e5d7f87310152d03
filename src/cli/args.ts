import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown option or a missing value is a one-line usage error. */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages add advice about positionals that does not apply here; keep the first sentence.
    const message = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(
      /\. To specify a positional.*$/,
      '',
    );
    throw new UsageError(`${command}: ${message} (see four-eyes ${command} --help)`);
  }
}

export function requireString(command: string, value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command}: --${name} <dir> is required`);
  return value;
}

export function outputFormat<T extends string>(command: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: --format must be one of ${allowed.join(', ')}, got "${String(value)}"`);
}

/** Commands that take only options say so, instead of ignoring a stray argument. */
export function rejectPositionals(command: string, positionals: string[]): void {
  if (positionals.length > 0)
    throw new UsageError(
      `${command}: unexpected argument "${positionals[0]}" (options only; see four-eyes ${command} --help)`,
    );
}
