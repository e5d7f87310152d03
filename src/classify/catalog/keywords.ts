/**
 * Words in a resource type name that suggest privilege or exposure, so that no such type falls
 * to `low` unseen: a type containing one must be classified above `low` by the catalog, or be
 * listed in REVIEWED_LOW_TYPES with the reason it is low. Matched as substrings, as the words
 * are written: `oracle` contains `acl`, and such accidents are listed with their reason too.
 */
export const PRIVILEGE_KEYWORDS: readonly string[] = [
  'iam',
  'policy',
  'role',
  'permission',
  'kms',
  'key',
  'secret',
  'firewall',
  'security_group',
  'acl',
  'public',
  'trust',
  'identity',
  'binding',
  'member',
];

export function suggestsPrivilege(type: string): boolean {
  return PRIVILEGE_KEYWORDS.some((keyword) => type.includes(keyword));
}
