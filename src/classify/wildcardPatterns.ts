/**
 * Whether `pattern`, an AWS wildcard pattern (`*` any run of characters, `?` exactly one, no
 * other special characters: IAM actions and resource ARNs), matches `name`. Iterative with
 * backtracking to the last `*`, so a pattern of many stars costs no more than a pass per star.
 */
export function wildcardMatches(pattern: string, name: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const n = ignoreCase ? name.toLowerCase() : name;
  let pi = 0;
  let ni = 0;
  let star = -1;
  let resume = 0;
  while (ni < n.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === n[ni])) {
      pi++;
      ni++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = ni;
    } else if (star >= 0) {
      pi = star + 1;
      ni = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
