import type { OutboxPost } from '../audit/outboxPosts.js';
import type { Policy } from '../model/policy.js';
import type { Decision } from '../policy/decision.js';

export const EXCEPTION_LOG_TITLE = 'Four Eyes exception log';

/** The posts beside the check run. */
export type GitHubPost = Exclude<OutboxPost, { action: 'check-run' }>;

interface Links {
  pullRequestUrl: string;
  commitUrl: string;
  checkRunsUrl: string;
}

/**
 * What auditors find on GitHub for a self-approved exception or a break-glass: a comment on the
 * repository's exception log issue; for break-glass also a follow-up review issue assigned to the
 * policy's owners and a mention of them on the pull request.
 */
export function exceptionPosts(decision: Decision, policy: Policy, links: Links): GitHubPost[] {
  const posts: GitHubPost[] = [];
  const where = `[${decision.repository}#${decision.number}](${links.pullRequestUrl}) at [${decision.headSha.slice(0, 7)}](${links.commitUrl})`;
  const issueNumber = policy.notifications.exceptionLogIssue;
  const owners = [...policy.owners.users.map((u) => `@${u}`), ...policy.owners.teams.map((t) => `@${t.includes('/') ? t : `${decision.repository.split('/')[0]}/${t}`}`)];
  if (decision.exception) {
    const e = decision.exception;
    posts.push({ action: 'exception-log', payload: { issueNumber, body: [
      `**Exception used**: \`${e.id}\` by @${e.usedBy} on ${where}`,
      '',
      `- ${e.description} (owner @${e.owner}, expires ${e.expires})`,
      `- justification: ${e.justification}${e.link ? ` (${e.link})` : ''}`,
      `- tier ${decision.tier}; decision: ${decision.title}`,
      `- check runs: ${links.checkRunsUrl}`,
    ].join('\n') } });
  }
  if (decision.breakGlass) {
    const b = decision.breakGlass;
    posts.push({ action: 'exception-log', payload: { issueNumber, body: [
      `**BREAK-GLASS** by @${b.by} on ${where}`,
      '',
      `- reason: ${b.reason}`,
      `- tier ${decision.tier}, passed without independent approval`,
      `- check runs: ${links.checkRunsUrl}`,
    ].join('\n') } });
    posts.push({ action: 'follow-up-issue', payload: {
      title: `Review break-glass on ${decision.repository}#${decision.number} (${decision.headSha.slice(0, 7)})`,
      assignees: policy.owners.users,
      body: [
        `@${b.by} broke glass on ${where} at ${b.at}:`,
        '',
        `> ${b.reason}`,
        '',
        `The ${decision.tier}-impact change passed without independent approval. Review it after the fact and close this issue with the outcome.`,
        owners.length ? `\nOwners: ${owners.join(' ')}` : '\nThe policy names no owners: name them under `owners` in .github/four-eyes.yml.',
      ].join('\n'),
    } });
    if (policy.notifications.mentionOwners) {
      posts.push({ action: 'mention-owners', payload: { body: `${owners.length ? owners.join(' ') + ': ' : ''}@${b.by} broke glass on this pull request (${b.reason}). A follow-up review issue has been opened.` } });
    }
  }
  return posts;
}
