import { blockOutline } from './inventory.js';
import { LazyBlock } from './lazyBlock.js';
import { isUnderstood, type ParsedFile } from './model.js';
import { isTerragruntPath } from './terragrunt.js';

/**
 * The file with each top-level block's body dropped until a stage reads it (see LazyBlock):
 * what a change set keeps of a file. `source` must be the text `parsed` was parsed from. Files
 * in JSON syntax and files with errors are kept whole (the first are rare, the second are only
 * reported); so are `terraform` and `locals` blocks, whose objects are their nested parts.
 */
export function compactFile(parsed: ParsedFile, source: string): ParsedFile {
  // A terragrunt.hcl's blocks are made from other text than their ranges cover (terragrunt.ts): kept whole.
  if (parsed.syntax !== 'hcl' || !isUnderstood(parsed) || isTerragruntPath(parsed.path)) return parsed;
  const blocks = parsed.blocks.map((block) => {
    if (block instanceof LazyBlock) return block;
    const outline = blockOutline(block);
    return outline === null ? block : new LazyBlock(block, outline, source, parsed.path);
  });
  return { ...parsed, blocks };
}
