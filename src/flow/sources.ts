/**
 * Where a value comes from. A resolved attribute remembers every source its value was read
 * through (a chain from the attribute outwards: `local.cidrs`, then `var.ssh_cidrs`, then the
 * `terraform.tfvars` entry), so an indirect change can say how the change reached it.
 */
export interface SourceNode {
  /** the same source at base and head has the same id */
  id: string;
  /** how a reviewer recognises it: `var.ssh_cidrs`, `terraform.tfvars:1 ssh_cidrs`, `policies/deploy.json` */
  label: string;
  file: string;
  line: number;
  /** changes exactly when what the source contributes changes */
  digest: string;
  /**
   * A root variable's default: the value when nothing in the repository sets the variable, but a
   * deployment may set it where the repository cannot show (`TF_VAR_`, `-var`, a workspace's
   * variables, a stack's values).
   */
  rootDefault?: true;
}

/** Whether a value was read through a root variable's default (see SourceNode.rootDefault). */
export function readsRootDefault(links: readonly SourceLink[]): boolean {
  return links.some(linkReadsRootDefault);
}

/** Per link, whether it or a source below it is a root default: links are shared, and asked often. */
const readsDefault = new WeakMap<SourceLink, boolean>();

function linkReadsRootDefault(link: SourceLink): boolean {
  const known = readsDefault.get(link);
  if (known !== undefined) return known;
  // A link being visited counts as not reading one: a cycle adds no source.
  readsDefault.set(link, false);
  const reads = link.node.rootDefault === true || link.next.some(linkReadsRootDefault);
  readsDefault.set(link, reads);
  return reads;
}

/**
 * The sources a value was read through, as a tree from the attribute outwards: a link's `next`
 * are the sources its own value read. Shared, never copied, so a value read a thousand times
 * costs one link.
 */
export interface SourceLink {
  node: SourceNode;
  next: readonly SourceLink[];
}

/** How a changed value reached an attribute: the steps from the change to the attribute. */
export interface ValueTrace {
  /** the attribute path reached, in the change set's path scheme */
  path: string;
  /** from where the change was made to the last step before the attribute */
  steps: { label: string; file: string; line: number }[];
}
