/** What a command produced; `main` writes it out, so commands stay testable without a process. */
export interface CommandResult {
  stdout: string;
  stderr?: string;
  exitCode: number;
}
