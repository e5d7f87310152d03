import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 now, for a server whose port must be known before it starts or that
 * cannot be given port 0 (Probot's Server reads 0 as "unset" and takes 3000, which concurrent
 * test files would then share).
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
