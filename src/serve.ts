import { run } from 'probot';
import { fourEyesOctokit } from './github/octokit.js';
import { AppOperations, stopOnSigterm } from './github/operations.js';
import { fourEyesFromEnvironment } from './index.js';
import { processEnvironment } from './settings.js';

/**
 * Serves webhooks with Probot, its clients waiting out GitHub's rate limits, with /healthz,
 * /readyz and /metrics; SIGTERM stops cleanly.
 */
export async function serve(): Promise<void> {
  const operations = new AppOperations();
  operations.metrics.collectProcessMetrics();
  const app = await fourEyesFromEnvironment(processEnvironment(), operations);
  const server = await run(app, {
    env: process.env,
    Octokit: fourEyesOctokit({ observe: operations.metrics.requested }),
  });
  stopOnSigterm(operations, server);
}
