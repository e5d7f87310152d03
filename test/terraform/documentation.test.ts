import { describe, expect, it } from 'vitest';
import { isDocumentation, isProse } from '../../src/terraform/documentation.js';

describe('which files no configuration reads as a value', () => {
  it.each([
    'README.md',
    'modules/vpc/README.md',
    'docs/UPGRADE-19.0.md',
    'CHANGELOG.md',
    'LICENSE',
    'LICENSE.txt',
    'CONTRIBUTING.md',
    '.github/CODEOWNERS',
    '.gitignore',
    'docs/images/diagram.png',
    'docs/architecture.svg',
  ])('%s is documentation', (path) => {
    expect(isDocumentation(path)).toBe(true);
    expect(isProse(path)).toBe(false);
  });

  it.each(['policies/admin.txt', 'keys/authorized_keys.md', 'docs/guide.md', 'notes.rst'])(
    '%s is prose a configuration may read: a value',
    (path) => {
      expect(isDocumentation(path)).toBe(false);
      expect(isProse(path)).toBe(true);
    },
  );

  it.each(['policies/security.json', 'support.tpl', 'license.sh', 'readme.json'])(
    '%s is neither: a file named like a document but not prose is a value like any',
    (path) => {
      expect(isDocumentation(path)).toBe(false);
      expect(isProse(path)).toBe(false);
    },
  );
});
