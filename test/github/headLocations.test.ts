import { describe, expect, it } from 'vitest';
import { buildChangeSet, headModulesOf } from '../../src/change/changeSet.js';
import { type HeadLocations, packHeadLocations, unpackHeadLocations } from '../../src/github/headLocations.js';

/** The head's objects as the worker keeps their locations: a module call's `source`, no other body. */
function locationsOf(files: { path: string; content: string }[]): HeadLocations {
  const changeSet = buildChangeSet({ files: [] }, { files });
  const out: HeadLocations = new Map();
  for (const [dir, objects] of headModulesOf(changeSet)) {
    out.set(
      dir,
      new Map(
        [...objects].map(([address, object]) => [
          address,
          {
            kind: object.kind,
            module: object.module,
            address: object.address,
            ref: {
              module: object.ref.module,
              address: object.ref.address,
              file: object.ref.file,
              range: object.ref.range,
              body: {
                attributes:
                  object.kind === 'module' ? object.ref.body.attributes.filter((a) => a.name === 'source') : [],
                blocks: [],
              },
            },
            files: object.files,
          },
        ]),
      ),
    );
  }
  return out;
}

describe('the head locations crossing from the worker', () => {
  it('are read back as they were written: kinds, places, files, module sources', () => {
    const locations = locationsOf([
      { path: 'envs/prod/main.tf', content: 'module "app" {\n  source = "../../modules/app"\n  name = "prod"\n}\n' },
      { path: 'envs/prod/override.tf', content: 'module "app" {\n  name = "prod-2"\n}\n' },
      { path: 'envs/prod/locals.tf', content: 'locals {\n  a = 1\n  b = "two"\n}\n' },
      { path: 'envs/prod/versions.tf', content: 'terraform {\n  required_providers {\n    aws = "~> 5.0"\n  }\n}\n' },
      { path: 'modules/app/main.tf', content: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' },
    ]);
    const objects = [...locations.values()].flatMap((objects) => [...objects.values()]);
    expect(objects.some((object) => object.files.length > 1)).toBe(true);
    expect(objects.some((object) => object.ref.body.attributes.length > 0)).toBe(true);
    expect(unpackHeadLocations(packHeadLocations(locations))).toEqual(locations);
  });

  it('keep an object whose reference names another module or address', () => {
    const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 2, column: 2, offset: 10 } };
    const locations: HeadLocations = new Map([
      [
        'a',
        new Map([
          [
            'x.y',
            {
              kind: 'resource' as const,
              module: 'b',
              address: 'x.y',
              ref: { module: 'c', address: 'x.z', file: 'c/main.tf', range, body: { attributes: [], blocks: [] } },
              files: ['c/main.tf'],
            },
          ],
        ]),
      ],
    ]);
    expect(unpackHeadLocations(packHeadLocations(locations))).toEqual(locations);
  });
});
