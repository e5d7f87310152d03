import { describe, expect, it } from 'vitest';
import { codeownersEntryFor, codeownersOfTree, codeownersPath, parseCodeowners } from '../../src/config/codeowners.js';

/*
 * CODEOWNERS as GitHub reads it. The examples are those of GitHub's documentation ("About code
 * owners"): each documented pattern with the paths its comment says it owns, or not; then the
 * rules the documentation states (last match wins, no negation, no character ranges, escaping
 * "#" does not work, inline comments, the locations and their order).
 */

/** Who owns each path under a CODEOWNERS text: the owners of the last matching line, or null. */
function ownersOf(text: string, path: string): string[] | null {
  return codeownersEntryFor(parseCodeowners('CODEOWNERS', text), path)?.owners ?? null;
}

describe("GitHub's documented examples, one pattern at a time", () => {
  it.each([
    // * — the default owners for everything in the repo
    ['*', 'README.md', true],
    ['*', 'src/deep/nested/file.tf', true],
    // *.js — JS files anywhere
    ['*.js', 'app.js', true],
    ['*.js', 'web/src/app.js', true],
    ['*.js', 'app.jsx', false],
    // *.txt @octo-org/octocats
    ['*.txt', 'notes/todo.txt', true],
    // /build/logs/ — the build/logs directory at the root and any of its subdirectories
    ['/build/logs/', 'build/logs/a.log', true],
    ['/build/logs/', 'build/logs/2026/a.log', true],
    ['/build/logs/', 'other/build/logs/a.log', false],
    ['/build/logs/', 'build/logs', false],
    // docs/* — docs/getting-started.md, but not docs/build-app/troubleshooting.md
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'guide/docs/getting-started.md', false],
    // apps/ — any file in an apps directory anywhere in the repository
    ['apps/', 'apps/web/main.tf', true],
    ['apps/', 'services/apps/api/main.tf', true],
    ['apps/', 'apps', false],
    // /docs/ — the /docs directory at the root and any of its subdirectories
    ['/docs/', 'docs/getting-started.md', true],
    ['/docs/', 'docs/build-app/troubleshooting.md', true],
    ['/docs/', 'guide/docs/a.md', false],
    // **/logs — any file in a logs directory: /build/logs, /scripts/logs, /deeply/nested/logs
    ['**/logs', 'build/logs/a.log', true],
    ['**/logs', 'scripts/logs/a.log', true],
    ['**/logs', 'deeply/nested/logs/a.log', true],
    ['**/logs', 'logs/a.log', true],
    ['**/logs', 'build/logsearch/a.log', false],
    // /apps/github — the subdirectory and everything in it (a directory name owns what is beneath)
    ['/apps/github', 'apps/github/ci.yml', true],
    ['/apps/github', 'apps/github', true],
    ['/apps/github', 'apps/githubber/ci.yml', false],
  ])('%s owns %s: %s', (pattern, path, owned) => {
    expect(ownersOf(`${pattern} @octocat`, path)).toEqual(owned ? ['@octocat'] : null);
  });
});

/** GitHub's example file, as its documentation gives it (comments shortened). */
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer.
*.go docs@example.com

# Teams can be specified as code owners as well.
*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/* docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat

# @octocat owns /apps except /apps/github, as its owners are left empty.
/apps/ @octocat
/apps/github
`;

describe("GitHub's example file: the last matching line wins", () => {
  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['web/app.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes.txt', ['@octo-org/octocats']],
    ['build/logs/today.txt', ['@octocat']], // **/logs comes after *.txt and /build/logs/
    ['build/logs/today.log', ['@octocat']],
    ['docs/getting-started.md', ['@doctocat']], // /docs/ comes after docs/*
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['services/apps/api.py', ['@octocat']],
    ['apps/web/index.html', ['@octocat']],
    ['apps/github/workflow.yml', []], // a line without owners leaves the path unowned
    ['apps/github/app.js', []], // ... even after *.js, because it comes later
  ])('%s is owned by %j', (path, owners) => {
    expect(ownersOf(GITHUB_EXAMPLE, path)).toEqual(owners);
  });

  it('reads the inline comment as a comment, not as owners', () => {
    const entry = parseCodeowners('CODEOWNERS', GITHUB_EXAMPLE).entries.find((e) => e.pattern === '*.js');
    expect(entry).toMatchObject({ line: 8, owners: ['@js-owner'] });
  });

  it('has no problems', () => {
    expect(parseCodeowners('CODEOWNERS', GITHUB_EXAMPLE).problems).toEqual([]);
  });
});

describe('the rules GitHub documents', () => {
  it('a later line wins over an earlier, more specific one', () => {
    expect(ownersOf('/envs/prod/ @acme/prod\n* @acme/platform\n', 'envs/prod/main.tf')).toEqual(['@acme/platform']);
    expect(ownersOf('* @acme/platform\n/envs/prod/ @acme/prod\n', 'envs/prod/main.tf')).toEqual(['@acme/prod']);
  });

  it('paths are case sensitive', () => {
    expect(ownersOf('/Envs/ @a\n', 'envs/main.tf')).toBeNull();
    expect(ownersOf('/Envs/ @a\n', 'Envs/main.tf')).toEqual(['@a']);
  });

  it.each([
    ['!envs/dev/ @a', '"!envs/dev/" negates a pattern, which CODEOWNERS does not support: GitHub ignores this line'],
    [
      'src/*.[ch] @a',
      '"src/*.[ch]" uses a character range ([ ]), which CODEOWNERS does not support: GitHub ignores this line',
    ],
    ['\\#notes.md @a', 'escaping "#" does not work in CODEOWNERS: GitHub ignores this line'],
  ])('%s is ignored, as GitHub ignores it, and said so', (line, message) => {
    const parsed = parseCodeowners('CODEOWNERS', `* @fallback\n${line}\n`);
    expect(parsed.problems).toEqual([{ line: 2, message }]);
    expect(parsed.entries.map((e) => e.pattern)).toEqual(['*']);
  });

  it('an owner in none of the three forms is kept (nobody can approve as it) and reported', () => {
    const parsed = parseCodeowners('CODEOWNERS', 'envs/ platform-team @acme/ops\n');
    expect(parsed.entries[0]!.owners).toEqual(['platform-team', '@acme/ops']);
    expect(parsed.problems).toEqual([
      {
        line: 1,
        message:
          '"platform-team" is not an owner GitHub understands (@login, @org/team or an e-mail address): nobody can approve as it',
      },
    ]);
  });

  it('a backslash escapes a space in a path, and a wildcard', () => {
    expect(ownersOf('docs/My\\ Notes/ @a\n', 'docs/My Notes/today.md')).toEqual(['@a']);
    expect(ownersOf('f\\*o @a\n', 'f*o')).toEqual(['@a']);
    expect(ownersOf('f\\*o @a\n', 'foo')).toBeNull();
  });

  it('Windows line endings and indentation are read as GitHub reads them', () => {
    expect(ownersOf('  # comment\r\n  /envs/ @a\r\n', 'envs/main.tf')).toEqual(['@a']);
  });

  it.each([
    ['/*', 'main.tf', true],
    ['/*', 'envs/main.tf', false],
    ['/*/', 'envs/main.tf', true],
    ['f?o', 'foo', true],
    ['f?o', 'fooo', false],
    ['envs/*/prod', 'envs/eu/prod/main.tf', true],
    ['envs/*/prod', 'envs/prod/main.tf', false],
    ['envs/**/prod', 'envs/prod/main.tf', true],
    ['envs/**/prod', 'envs/eu/west/prod/main.tf', true],
    ['envs/**', 'envs/main.tf', true],
    ['envs/**', 'envs', false],
    ['**', 'any/file', true],
    ['*.tf', 'modules/vpc/main.tf', true],
    ['modules/*.tf', 'modules/vpc/main.tf', false],
  ])('%s owns %s: %s', (pattern, path, owned) => {
    expect(ownersOf(`${pattern} @a`, path) !== null).toBe(owned);
  });
});

describe('where GitHub finds the file', () => {
  it('the first of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS, whatever else exists', () => {
    expect(codeownersPath(['docs/CODEOWNERS', 'CODEOWNERS', '.github/CODEOWNERS'])).toBe('.github/CODEOWNERS');
    expect(codeownersPath(['docs/CODEOWNERS', 'CODEOWNERS'])).toBe('CODEOWNERS');
    expect(codeownersPath(['docs/CODEOWNERS'])).toBe('docs/CODEOWNERS');
    expect(codeownersPath(['src/CODEOWNERS', 'codeowners'])).toBeNull();
  });

  it('reads it from a tree, naming where it came from', () => {
    const tree = [
      { path: 'CODEOWNERS', content: '* @root\n' },
      { path: '.github/CODEOWNERS', content: '* @dotgithub\n' },
    ];
    const found = codeownersOfTree(tree, 'main:');
    expect(found).toMatchObject({ path: '.github/CODEOWNERS', source: 'main:.github/CODEOWNERS' });
    expect(found!.entries[0]!.owners).toEqual(['@dotgithub']);
    expect(codeownersOfTree([{ path: 'main.tf', content: '' }])).toBeNull();
  });
});
