// Types for bench/oracle.js (plain JavaScript so the bench and scripts can run it directly).
import type { ParsedFile } from '../src/terraform/model.js';

export interface OutlineBlock {
  type: string;
  labels: string[];
  /** sorted attribute names */
  attributes: string[];
  /** sorted by type, labels, then content */
  blocks: OutlineBlock[];
}

/** A file's outline: its top-level attributes (none in `.tf` files) and blocks. */
export interface Outline {
  attributes: string[];
  blocks: OutlineBlock[];
}

export type OutlineResult = Outline | { error: string };

export function oracleOutline(source: string): OutlineResult;
export function outlineOfOracleResult(result: unknown): OutlineResult;
export function outlineOfParsedFile(parsedFile: Pick<ParsedFile, 'attributes' | 'blocks'>): Outline;
export function compareOutlines(expected: OutlineResult, actual: OutlineResult): string[];
