import type { Block, Body } from '../terraform/model.js';

/** Whether a nested block is a `dynamic` block: it may generate blocks of the type its label names. */
export function isGenerator(block: Block): boolean {
  return block.type === 'dynamic' && block.labels[0] !== undefined;
}

/** The type of block a nested block stands for: its own, or the one a `dynamic` block generates. */
export function generatedType(block: Block): string {
  return isGenerator(block) ? block.labels[0]! : block.type;
}

/** Where a block's own attributes and blocks are written: a dynamic block's `content`, else the block itself. */
export function writtenBody(block: Block): Body {
  if (!isGenerator(block)) return block;
  return block.blocks.find((inner) => inner.type === 'content') ?? { attributes: [], blocks: [] };
}
