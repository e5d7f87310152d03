import type { Block, Body } from '../terraform/model.js';

/**
 * A body without the arguments whose value is the literal `null`, at every depth. For a resource,
 * data source or provider, Terraform treats an argument set to null exactly as an argument left
 * out, so `region = var.region` with a null default changes nothing in the plan. (A module input
 * is different: null can replace the variable's default, so module calls keep theirs.)
 * Returns the body itself when it has no such argument, so the common case allocates nothing.
 */
export function withoutNullArguments(body: Body): Body {
  const attributes = body.attributes.some(isNullArgument)
    ? body.attributes.filter((attribute) => !isNullArgument(attribute))
    : body.attributes;
  let blocksChanged = false;
  const blocks = body.blocks.map((block): Block => {
    const inner = withoutNullArguments(block);
    if (inner === block) return block;
    blocksChanged = true;
    return { ...block, attributes: inner.attributes, blocks: inner.blocks };
  });
  if (attributes === body.attributes && !blocksChanged) return body;
  return { ...body, attributes, blocks: blocksChanged ? blocks : body.blocks };
}

function isNullArgument(attribute: Body['attributes'][number]): boolean {
  return attribute.expr.kind === 'literal' && attribute.expr.value === null;
}
