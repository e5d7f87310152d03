import type { OutboxItem } from '../audit/outbox.js';
import type { AuditServices } from '../audit/services.js';
import { effectKeys, withMarker } from './effectMarkers.js';
import { EXCEPTION_LOG_TITLE } from './exceptionLog.js';
import { findKeptComment, findMarkedComment, findMarkedIssue } from './markedPosts.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { fullName } from './octokit.js';

export type SideEffect = Extract<
  OutboxItem,
  { action: 'exception-log' | 'follow-up-issue' | 'mention-owners' | 'blocked-attempt-notice' }
>;

const EXCEPTION_LOG_BODY =
  "Four Eyes records here every self-approved exception and every break-glass in this repository, one comment each, with links to the pull request, the commit and the check run. The tamper-evident record is in Four Eyes' audit log (`four-eyes audit export`). Keep this issue open.";

/**
 * The posts beside the check run, each made once. Every attempt is recorded before GitHub is
 * asked; the first attempt just posts. A later one (the earlier may have posted before the
 * process died, or GitHub failed after doing it) first looks for the post by the marker in its
 * body, and adopts what it finds.
 */
export class SideEffects {
  constructor(
    readonly audit: AuditServices,
    readonly now: () => Date,
  ) {}

  /** Makes the post, or finds the one an attempt begun at `earlier` made: its address either way. */
  async post(octokit: GitHubClient, repo: RepositoryRef, item: SideEffect, earlier: Date | null): Promise<string> {
    const key = earlier === null ? undefined : item.effectKey;
    const owner = repo.owner;
    const name = repo.name;
    switch (item.action) {
      case 'exception-log': {
        const issue = item.payload.issueNumber ?? (await this.exceptionLogIssue(octokit, repo));
        const found = key ? await findMarkedComment(octokit, repo, issue, key, earlier!) : null;
        return (
          found ??
          (await octokit.rest.issues.createComment({ owner, repo: name, issue_number: issue, body: item.payload.body }))
            .data.html_url
        );
      }
      case 'follow-up-issue': {
        const found = key ? await findMarkedIssue(octokit, repo, key, earlier!) : null;
        if (found) return found.html_url;
        const base = { owner, repo: name, title: item.payload.title, body: item.payload.body };
        // An owner who cannot be assigned (GitHub refuses the request: 422) must not lose the issue:
        // open it unassigned, they are mentioned. Any other failure may have opened it: it is retried, and found.
        const { data } = await octokit.rest.issues
          .create({ ...base, assignees: item.payload.assignees })
          .catch((error: unknown) => {
            if ((error as { status?: number }).status === 422) return octokit.rest.issues.create(base);
            throw error;
          });
        return data.html_url;
      }
      case 'mention-owners': {
        const found = key ? await findMarkedComment(octokit, repo, item.pullRequest!, key, earlier!) : null;
        return (
          found ??
          (
            await octokit.rest.issues.createComment({
              owner,
              repo: name,
              issue_number: item.pullRequest!,
              body: item.payload.body,
            })
          ).data.html_url
        );
      }
      case 'blocked-attempt-notice':
        return this.keepComment(octokit, repo, item.pullRequest!, item.payload.noticeKey, item.payload.body);
    }
  }

  /**
   * A comment kept up to date: found by its key whenever it was made (every attempt looks, as
   * every version after the first edits it), edited when its body is not this one, made when
   * there is none. Doing it twice leaves the same comment.
   */
  async keepComment(
    octokit: GitHubClient,
    repo: RepositoryRef,
    issueNumber: number,
    key: string,
    body: string,
  ): Promise<string> {
    const found = await findKeptComment(octokit, repo, issueNumber, key);
    if (found && found.body === body) return found.html_url;
    if (found) {
      await octokit.rest.issues.updateComment({ owner: repo.owner, repo: repo.name, comment_id: found.id, body });
      return found.html_url;
    }
    const created = await octokit.rest.issues.createComment({
      owner: repo.owner,
      repo: repo.name,
      issue_number: issueNumber,
      body,
    });
    return created.data.html_url;
  }

  /**
   * The repository's exception log issue, created on first use, once: one creator at a time per
   * repository (across replicas), the attempt recorded before GitHub is asked, and after an
   * attempt that may have created it, the issue found by its marker.
   */
  exceptionLogIssue(octokit: GitHubClient, repo: RepositoryRef): Promise<number> {
    const repository = fullName(repo);
    return this.audit.db.withLock(`exception-log ${repository}`, async () => {
      const known = await this.audit.outbox.trackingIssue(repository);
      if (known !== null) return known;
      const key = effectKeys.exceptionLog(repository);
      const earlier = await this.audit.outbox.creatingTrackingIssue(repository, this.now());
      const found = earlier === null ? null : await findMarkedIssue(octokit, repo, key, earlier);
      const number =
        found?.number ??
        (
          await octokit.rest.issues.create({
            owner: repo.owner,
            repo: repo.name,
            title: EXCEPTION_LOG_TITLE,
            body: withMarker(EXCEPTION_LOG_BODY, key),
          })
        ).data.number;
      await this.audit.outbox.setTrackingIssue(repository, number);
      return number;
    });
  }
}
