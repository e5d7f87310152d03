import { createHash } from 'node:crypto';
import type { Expression } from '../terraform/model.js';
import { textWith } from '../terraform/printer.js';

/** Canonical texts longer than this are replaced by a digest of themselves. */
const MAX_TEXT = 512;
const memo = new WeakMap<Expression, string>();

/**
 * The canonical text of a resolved expression, with every large sub-expression replaced by a
 * digest of its own canonical text. Equal exactly when the canonical texts are equal (up to
 * SHA-256 collisions), but bounded in size: resolved values share sub-trees (a settings map
 * read by a hundred resources), and printing each in full would cost memory in proportion to
 * every use rather than to the configuration.
 */
export function compactText(expr: Expression): string {
  const known = memo.get(expr);
  if (known !== undefined) return known;
  const full = textWith(expr, compactText);
  const text =
    full.length <= MAX_TEXT ? full : `⟨sha256:${createHash('sha256').update(full).digest('hex').slice(0, 40)}⟩`;
  memo.set(expr, text);
  return text;
}
