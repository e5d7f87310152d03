import type { Body } from './model.js';

/** Once per body: bodies shared across var-file contexts and instances share theirs. */
const signatures = new WeakMap<Body, string>();

/**
 * A body's content as one string, equal exactly when two bodies hold the same attributes (by
 * canonical text) and blocks (by type and labels: `provisioner "local-exec"` is not
 * `provisioner "remote-exec"`), in order: what tells two changes of one object apart.
 */
export function bodySignature(body: Body): string {
  const known = signatures.get(body);
  if (known !== undefined) return known;
  const parts: string[] = [];
  const walk = (node: Body): void => {
    for (const attribute of node.attributes) parts.push(attribute.name + '=' + attribute.text);
    for (const block of node.blocks) {
      parts.push(block.type + ' ' + block.labels.join(' ') + '{');
      walk(block);
      parts.push('}');
    }
  };
  walk(body);
  const signature = parts.join(';');
  signatures.set(body, signature);
  return signature;
}
