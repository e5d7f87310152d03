import type { OutboxPost } from '../audit/outboxPosts.js';
import type { Policy, Principals } from '../model/policy.js';
import type { Decision } from '../policy/decision.js';
import { noticeRecipients } from '../policy/findingOwners.js';
import { effectKeys, withMarker } from './effectMarkers.js';

export const EXCEPTION_LOG_TITLE = 'Four Eyes exception log';

/** The posts beside the check run, each with the key of what it belongs to (hidden in its body too). */
export type GitHubPost = Exclude<OutboxPost, { action: 'check-run' | 'failure-report' }> & { effectKey: string };

interface Links {
  pullRequestUrl: string;
  commitUrl: string;
  checkRunsUrl: string;
}

/**
 * What auditors find on GitHub for a self-approved exception or a break-glass: a comment on the
 * repository's exception log issue; for break-glass also a follow-up review issue assigned to the
 * policy's owners and a mention of them on the pull request. An exception use is logged for
 * each decision that relies on it (`exceptionSeq`, its audit record); a break-glass use once, by
 * the request it honours, however often the pull request is evaluated again.
 */
export function exceptionPosts(
  decision: Decision,
  policy: Policy,
  links: Links,
  exceptionSeq: number | null,
): GitHubPost[] {
  // The policy's owners, and the findings' owners when the policy says so (notify_finding_owners).
  const recipients = noticeRecipients(policy, decision.findings);
  const context: PostContext = {
    decision,
    policy,
    links,
    where: `[${decision.repository}#${decision.number}](${links.pullRequestUrl}) at [${decision.headSha.slice(0, 7)}](${links.commitUrl})`,
    owners: mentionsOf(recipients, decision.repository),
    assignees: recipients.users,
  };
  return [
    ...(decision.exception && exceptionSeq !== null
      ? [exceptionUsePost(context, decision.exception, exceptionSeq)]
      : []),
    ...(decision.breakGlass ? breakGlassPosts(context, decision.breakGlass) : []),
  ];
}

/** People and teams as mentions; a team named without its organization is the repository owner's. */
export function mentionsOf(principals: Principals, repository: string): string[] {
  return [
    ...principals.users.map((u) => `@${u}`),
    ...principals.teams.map((t) => `@${t.includes('/') ? t : `${repository.split('/')[0]}/${t}`}`),
  ];
}

/** What every post of one decision is written from. */
interface PostContext {
  decision: Decision;
  policy: Policy;
  links: Links;
  /** the pull request and commit, as Markdown links */
  where: string;
  /** the policy's owners (and the findings' when the policy says so) as mentions */
  owners: string[];
  /** who the follow-up review issue is assigned to */
  assignees: string[];
}

function exceptionUsePost(
  { decision, policy, links, where }: PostContext,
  e: NonNullable<Decision['exception']>,
  exceptionSeq: number,
): GitHubPost {
  const effectKey = effectKeys.exceptionUse(exceptionSeq);
  const body = [
    `**Exception used**: \`${e.id}\` by @${e.usedBy} on ${where}`,
    '',
    `- ${e.description} (owner @${e.owner}, expires ${e.expires})`,
    `- justification: ${e.justification}${e.link ? ` (${e.link})` : ''}`,
    `- tier ${decision.tier}; decision: ${decision.title}`,
    `- check runs: ${links.checkRunsUrl}`,
  ].join('\n');
  return {
    action: 'exception-log',
    effectKey,
    payload: { issueNumber: policy.notifications.exceptionLogIssue, body: withMarker(body, effectKey) },
  };
}

/** The log comment, the follow-up review issue and (when the policy asks) the owners' mention. */
function breakGlassPosts(
  { decision, policy, links, where, owners, assignees }: PostContext,
  b: NonNullable<Decision['breakGlass']>,
): GitHubPost[] {
  const key = (post: 'log' | 'follow-up-issue' | 'mention-owners') => effectKeys.breakGlass(decision.number, b, post);
  const log = [
    `**BREAK-GLASS** by @${b.by} on ${where}`,
    '',
    `- reason: ${b.reason}`,
    `- tier ${decision.tier}, passed without independent approval`,
    `- check runs: ${links.checkRunsUrl}`,
  ].join('\n');
  const followUp = [
    `@${b.by} broke glass on ${where} at ${b.at}:`,
    '',
    `> ${b.reason}`,
    '',
    `The ${decision.tier}-impact change passed without independent approval. Review it after the fact and close this issue with the outcome.`,
    owners.length
      ? `\nOwners: ${owners.join(' ')}`
      : '\nThe policy names no owners: name them under `owners` in .github/four-eyes.yml.',
  ].join('\n');
  const posts: GitHubPost[] = [
    {
      action: 'exception-log',
      effectKey: key('log'),
      payload: { issueNumber: policy.notifications.exceptionLogIssue, body: withMarker(log, key('log')) },
    },
    {
      action: 'follow-up-issue',
      effectKey: key('follow-up-issue'),
      payload: {
        title: `Review break-glass on ${decision.repository}#${decision.number} (${decision.headSha.slice(0, 7)})`,
        assignees,
        body: withMarker(followUp, key('follow-up-issue')),
      },
    },
  ];
  if (policy.notifications.mentionOwners) {
    const body = `${owners.length ? owners.join(' ') + ': ' : ''}@${b.by} broke glass on this pull request (${b.reason}). A follow-up review issue has been opened.`;
    posts.push({
      action: 'mention-owners',
      effectKey: key('mention-owners'),
      payload: { body: withMarker(body, key('mention-owners')) },
    });
  }
  return posts;
}
