import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SqlAuditServices } from '../../src/audit/services.js';
import { SqlConsoleStore } from '../../src/audit/sqlConsoleStore.js';
import { consoleHandler } from '../../src/console/consoleHandler.js';
import type { IssueStateReader } from '../../src/console/issueStates.js';
import type { ConsoleSignIn } from '../../src/console/viewer.js';

export interface ConsoleServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The console served on localhost as Probot would mount it: what it does not answer is a plain 404. */
export async function serveConsole(
  audit: SqlAuditServices,
  signIn: ConsoleSignIn,
  options: { baseUrl?: string; now?: () => Date; pageSize?: number; issueState?: IssueStateReader } = {},
): Promise<ConsoleServer> {
  const handler = consoleHandler({
    store: new SqlConsoleStore(audit.db),
    records: audit.records,
    signIn,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    ...(options.now ? { now: options.now } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.issueState ? { issueState: options.issueState } : {}),
  });
  const server = createServer((req, res) => {
    void handler(req, res).then((answered) => {
      if (!answered) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not the console\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
