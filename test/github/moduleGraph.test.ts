import { describe, expect, it } from 'vitest';
import type { BlobContent } from '../../src/github/blobs.js';
import { createCaches } from '../../src/github/caches.js';
import { type ModuleScan, moduleGraph, moduleGraphInSlices, scannedSources } from '../../src/github/moduleGraph.js';
import type { TreeBlob } from '../../src/github/repositoryTree.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');

/** `count` roots, each calling two local modules, in files heavy enough to take a while to parse. */
function repository(count: number) {
  const blobs: TreeBlob[] = [];
  const contents = new Map<string, BlobContent>();
  for (let i = 0; i < count; i++) {
    const text =
      `module "a" {\n  source = "../../modules/a${i % 5}"\n}\nmodule "b" {\n  source = "./b"\n}\n` +
      Array.from({ length: 30 }, (_, k) => `resource "aws_s3_bucket" "x${k}" {\n  bucket = "b-${k}"\n}\n`).join('');
    blobs.push({ path: `envs/e${i}/main.tf`, blobSha: sha(i + 1), size: text.length });
    contents.set(sha(i + 1), { byteSize: text.length, binary: false, text });
  }
  return { sides: { base: blobs, head: blobs }, contents };
}

describe('moduleGraphInSlices', () => {
  it('is the module graph', async () => {
    const { sides, contents } = repository(20);
    expect(await moduleGraphInSlices(sides, contents, createCaches().moduleSources)).toEqual(
      moduleGraph(sides, contents, createCaches().moduleSources),
    );
  });

  it('lets the event loop turn while it parses a large pull request', async () => {
    const { sides, contents } = repository(600);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let turnedBeforeTheEnd = false;
    const graph = moduleGraphInSlices(sides, contents, {
      get: () => undefined,
      set: () => {
        turnedBeforeTheEnd ||= turned;
      },
    });
    expect((await graph).calls.get('envs/e0')).toEqual(new Set(['modules/a0', 'envs/e0/b']));
    expect(turnedBeforeTheEnd).toBe(true);
  });
});

describe('planning the scan', () => {
  it('lets the event loop turn while it reads what each file may link or read, none of them parsed', async () => {
    // 600 files of 40 KB that call no module: each one’s text is searched, none is parsed
    const body = Array.from(
      { length: 400 },
      (_, k) => `resource "aws_s3_bucket" "x${k}" {\n  bucket = "b-${k}-\${path.module}"\n}\n`,
    ).join('');
    const blobs: TreeBlob[] = [];
    const contents = new Map<string, BlobContent>();
    for (let i = 0; i < 600; i++) {
      const text = `# file ${i}\n${body}`;
      blobs.push({ path: `envs/e${i}/main.tf`, blobSha: sha(i + 1), size: text.length });
      contents.set(sha(i + 1), { byteSize: text.length, binary: false, text });
    }
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let turnedBeforeTheEnd = false;
    const graph = await moduleGraphInSlices({ base: blobs, head: blobs }, contents, {
      get: () => undefined,
      set: () => {
        turnedBeforeTheEnd ||= turned;
      },
    });
    expect(graph.fileReaders?.has('envs/e0')).toBe(true);
    expect(turnedBeforeTheEnd).toBe(true);
  });
});

describe('the files scanned for their module calls', () => {
  it('are each blob once, a changed head right after its base, and none the cache knows', async () => {
    const { sides, contents } = repository(3);
    const changedHead = { ...sides.base[1]!, blobSha: sha(99) };
    const headText = contents.get(sides.base[1]!.blobSha)!.text!.replace('"./b"', '"./c"');
    contents.set(sha(99), { byteSize: headText.length, binary: false, text: headText });
    const cache = createCaches().moduleSources;
    cache.set(`${sha(3)}:hcl`, ['../known']);
    const asked: ModuleScan[][] = [];
    const graph = await moduleGraphInSlices(
      { base: sides.base, head: [sides.base[0]!, changedHead, sides.base[2]!] },
      contents,
      cache,
      async (scans) => {
        asked.push(scans);
        return scans.map((scan) => [...scannedSources([scan])][0]!);
      },
    );
    expect(asked.map((scans) => scans.map((scan) => [scan.key, scan.base]))).toEqual([
      [
        [`${sha(1)}:hcl`, undefined],
        [`${sha(2)}:hcl`, undefined],
        [`${sha(99)}:hcl`, 1],
      ],
    ]);
    expect(graph.calls.get('envs/e1')).toEqual(new Set(['modules/a1', 'envs/e1/b', 'envs/e1/c']));
    expect(graph.calls.get('envs/e2')).toEqual(new Set(['envs/known']));
    expect(cache.get(`${sha(99)}:hcl`)).toEqual(['../../modules/a1', './c']);
  });
});

describe('which files are parsed for their module calls', () => {
  const graphOf = (files: Record<string, string>) => {
    const blobs: TreeBlob[] = Object.keys(files).map((path, i) => ({ path, blobSha: sha(1000 + i), size: 1 }));
    const contents = new Map<string, BlobContent>(
      Object.values(files).map((text, i) => [sha(1000 + i), { byteSize: text.length, binary: false, text }]),
    );
    return moduleGraph({ base: blobs, head: blobs }, contents, createCaches().moduleSources).calls;
  };

  it.each([
    ['a relative path', 'a/main.tf', 'module "m" {\n  source = "../b"\n}\n'],
    ['a path spelled with \\u escapes', 'a/main.tf', 'module "m" {\n  source = "\\u002E\\u002E/b"\n}\n'],
    ['a path spelled with a \\U escape', 'a/main.tf', 'module "m" {\n  source = "\\U0000002E./b"\n}\n'],
    ['JSON syntax with an escaped slash', 'a/main.tf.json', '{"module": {"m": {"source": "..\\/b"}}}'],
  ])('a local call written with %s is found', (_how, path, text) => {
    expect(graphOf({ [path]: text, 'b/main.tf': 'variable "x" {}\n' }).get('a')).toEqual(new Set(['b']));
  });

  it('a file whose module calls all name registries has no local call', () => {
    const text =
      'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\noutput "o" {\n  value = module.vpc.id\n}\n';
    expect(graphOf({ 'a/main.tf': text }).size).toBe(0);
  });
});

describe('a file the PR changes', () => {
  const call = (name: string, source: string) => `module "${name}" {\n  source = "${source}"\n}\n`;
  const base = `${call('a', './a')}${call('b', '../b')}`;
  /** The graph of a PR changing envs/x/main.tf from `before` to `after`, and the graph of each side read alone. */
  const graphs = (before: string, after: string) => {
    const blob = (text: string, n: number) => ({
      blob: { path: 'envs/x/main.tf', blobSha: sha(n), size: text.length },
      content: [sha(n), { byteSize: text.length, binary: false, text }] as const,
    });
    const [b, h] = [blob(before, 1), blob(after, 2)];
    const contents = new Map<string, BlobContent>([b.content, h.content]);
    const graphOf = (sides: { base: TreeBlob[]; head: TreeBlob[] }) =>
      moduleGraph(sides, contents, createCaches().moduleSources).calls;
    return {
      both: graphOf({ base: [b.blob], head: [h.blob] }),
      base: graphOf({ base: [b.blob], head: [] }),
      head: graphOf({ base: [], head: [h.blob] }),
    };
  };

  it.each([
    ['a call added after the shared ones', `${base}${call('c', './c')}`, ['envs/x/a', 'envs/b', 'envs/x/c']],
    ['the second call edited', base.replace('../b', '../d'), ['envs/x/a', 'envs/b', 'envs/d']],
    ['the first call removed', call('b', '../b'), ['envs/x/a', 'envs/b']],
  ])('has the calls of both sides: %s', (_, head, expected) => {
    const { both, base: atBase, head: atHead } = graphs(base, head);
    expect(both.get('envs/x')).toEqual(new Set(expected));
    expect(both.get('envs/x')).toEqual(new Set([...atBase.get('envs/x')!, ...atHead.get('envs/x')!]));
  });
});
