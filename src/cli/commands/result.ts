/** What a command produced; `main` writes it out, so commands stay testable without a process. */
export interface CommandResult {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

/** Where a command writes as it goes (an export can be large): the process's streams, or a test's collectors. */
export interface Output {
  /** `isTTY`: a person reads it, so JSON is indented (see render/jsonOutput.ts) */
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** What a command may use beyond its arguments. */
export interface CommandContext {
  io: Output;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * One command of the CLI. A command that only computes returns its output; one that streams or
 * opens the audit store writes to `context.io` as it goes and resolves to the rest.
 */
export interface Command {
  /** the full `--help` text; its first line is the command's line in the overall usage */
  help: string;
  run(argv: string[], context: CommandContext): CommandResult | Promise<CommandResult>;
}
