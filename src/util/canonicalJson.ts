/**
 * JSON with object keys sorted at every level and no whitespace: one value, one text, so its
 * hash is reproducible by any auditor with any JSON library that sorts keys. Keys sort by UTF-16
 * code units (`Array.prototype.sort`'s default order for strings). Written as loops over string
 * concatenation: plan digests run it over tens of megabytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`canonical JSON has no ${value}`);
    if (value === undefined) throw new Error('canonical JSON has no undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i === 0 ? '' : ',') + canonicalJson(item === undefined ? null : item);
    }
    return out + ']';
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}
