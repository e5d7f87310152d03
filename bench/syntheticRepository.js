// A generated repository shaped like the real module repositories bench/memory.js is meant for
// (terraform-aws-modules, cloudposse components, Google and Azure modules): used when no
// --corpus is given, e.g. in CI without network. The same seed gives the same files on every
// machine.
//
// Shape, after the real corpus of docs/benchmarks.md (6,502 files, 21.4 MB; 4,493 Terraform
// files, 10.4 MB): small Terraform files (about 2.3 KB) in module directories (main.tf,
// variables.tf, outputs.tf, versions.tf and a few more), each with a README; example roots
// calling one module and environment roots calling several, with terraform.tfvars; and other
// files (JSON policies, YAML, scripts) so that about half the bytes are not Terraform. The
// Terraform text is bench/corpus.js's, cut at top-level block boundaries.

import { generateCorpus } from './corpus.js';
import { mulberry32 } from './seededRandom.js';

/** Terraform files aim at this size; real modules' average is about 2.3 KB. */
const FILE_BYTES = 2300;
const ENVIRONMENTS = ['dev', 'staging', 'prod'];

/**
 * The generated corpus's text cut into top-level blocks (each with the comments before it), by
 * where our parser says each block ends: every piece parses on its own.
 */
function topLevelPieces(terraformBytes, seed, parseHcl) {
  const pieces = [];
  for (const file of generateCorpus({ targetBytes: terraformBytes, seed })) {
    const parsed = parseHcl(file.content, file.path);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
    let from = 0;
    for (const block of parsed.blocks) {
      const to = block.range.end.offset;
      pieces.push({ type: block.type, text: `${file.content.slice(from, to).replace(/^\n+/, '')}\n` });
      from = to;
    }
  }
  return pieces;
}

/** The file of a module a block goes to, as module authors arrange them; others fill `resources`. */
function fixedFileFor(type) {
  if (type === 'variable') return 'variables.tf';
  if (type === 'output') return 'outputs.tf';
  if (type === 'terraform' || type === 'provider') return 'versions.tf';
  return null;
}

const RESOURCE_FILES = ['main', 'iam', 'network', 'storage', 'compute', 'data', 'policies', 'monitoring'];

function readme(name, random) {
  const words = ['module', 'creates', 'the', 'resources', 'for', 'a', 'service', 'with', 'sensible', 'defaults'];
  const line = () => Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ');
  const inputs = Array.from({ length: 120 }, (_, i) => `| input_${i} | ${line()} | \`string\` | \`null\` | no |`);
  return `# ${name}\n\n${line()}.\n\n## Inputs\n\n| Name | Description | Type | Default | Required |\n|---|---|---|---|---|\n${inputs.join('\n')}\n`;
}

function otherFiles(dir, random) {
  const statements = Array.from({ length: 30 + Math.floor(random() * 30) }, (_, i) => ({
    Sid: `Statement${i}`,
    Effect: random() < 0.8 ? 'Allow' : 'Deny',
    Action: [`s3:GetObject`, `s3:PutObject`, `kms:Decrypt`].slice(0, 1 + Math.floor(random() * 3)),
    Resource: [`arn:aws:s3:::bucket-${i}/*`],
  }));
  return [
    {
      path: `${dir}/policies/access.json`,
      content: `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`,
    },
    {
      path: `${dir}/.github/config.yml`,
      content: `checks:\n  - fmt\n  - validate\n  - tflint\nowner: team-${Math.floor(random() * 20)}\n`,
    },
  ];
}

/**
 * Every file of the repository, sorted by path: modules under `modules/`, examples calling each
 * module under `examples/`, environment roots calling several modules under `envs/`.
 * @param {{ terraformBytes: number, seed?: number, parseHcl: (source: string, path: string) => any }} options
 * @returns {{ path: string, content: string }[]}
 */
export function syntheticRepository({ terraformBytes, seed = 1, parseHcl }) {
  const random = mulberry32(seed);
  const pieces = topLevelPieces(terraformBytes, seed, parseHcl);
  const files = [];
  const modules = [];
  let index = 0;
  while (index < pieces.length) {
    const name = `m${String(modules.length).padStart(3, '0')}`;
    const dir = `modules/${name}`;
    const texts = new Map();
    let resources = 0;
    while (index < pieces.length && resources < RESOURCE_FILES.length) {
      const piece = pieces[index++];
      const fixed = fixedFileFor(piece.type);
      const path = `${dir}/${fixed ?? `${RESOURCE_FILES[resources]}.tf`}`;
      const text = (texts.get(path) ?? '') + piece.text;
      texts.set(path, text);
      if (fixed === null && text.length >= FILE_BYTES) resources++;
    }
    for (const [path, content] of texts) files.push({ path, content });
    files.push({ path: `${dir}/README.md`, content: readme(name, random) }, ...otherFiles(dir, random));
    modules.push(name);
  }
  const call = (name, from, inputs) =>
    `module "${name}" {\n  source = "${from}/modules/${name}"\n${inputs.map((input) => `  ${input} = var.${input}\n`).join('')}}\n`;
  for (const [i, name] of modules.entries()) {
    if (i % 2 !== 0) continue;
    files.push(
      { path: `examples/${name}/main.tf`, content: call(name, '../..', ['name', 'tags']) },
      {
        path: `examples/${name}/variables.tf`,
        content: 'variable "name" {\n  type = string\n}\n\nvariable "tags" {\n  type = map(string)\n}\n',
      },
      { path: `examples/${name}/terraform.tfvars`, content: `name = "${name}-example"\ntags = { owner = "bench" }\n` },
    );
  }
  for (const env of ENVIRONMENTS) {
    for (let stack = 0; stack < Math.ceil(modules.length / 20); stack++) {
      const dir = `envs/${env}/stack${stack}`;
      const called = Array.from({ length: 5 }, (_, k) => modules[(stack * 7 + k * 3) % modules.length]);
      files.push(
        {
          path: `${dir}/main.tf`,
          content: [...new Set(called)].map((name) => call(name, '../../..', ['name', 'tags'])).join('\n'),
        },
        { path: `${dir}/variables.tf`, content: 'variable "name" {}\nvariable "tags" {\n  default = {}\n}\n' },
        {
          path: `${dir}/backend.tf`,
          content: `terraform {\n  backend "s3" {\n    key = "${env}/stack${stack}"\n  }\n}\n`,
        },
        { path: `${dir}/terraform.tfvars`, content: `name = "${env}-${stack}"\n` },
      );
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
