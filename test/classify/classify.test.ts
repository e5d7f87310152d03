import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { BUILTIN_CATALOG } from '../../src/classify/catalog/index.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy, type Policy, type Rule, type RuleMatch } from '../../src/model/policy.js';
import { type Files, tree } from './catalog/support.js';

/** A policy-origin rule, for testing one matcher at a time against an empty catalog. */
function rule(id: string, match: RuleMatch, tier: Rule['tier'] = 'high'): Rule {
  return { id, tier, rationale: `${id} matched`, match, origin: 'policy' };
}

function policyWith(rules: Rule[], adjust: (p: Policy) => void = () => {}): Policy {
  const policy = defaultPolicy();
  policy.rules = rules;
  adjust(policy);
  return policy;
}

/** `[address, ruleId, tier]` per finding, highest tier first. */
function classify(base: Files, head: Files, policy: Policy, catalog: readonly Rule[] = []) {
  const result = classifyChangeSet(buildChangeSet(tree(base), tree(head)), policy, catalog);
  return {
    tier: result.tier,
    findings: result.findings.map((f) => [f.address, f.ruleId, f.tier]),
    raw: result.findings,
  };
}

const SG_BASE = `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
`;
const SG_OPEN = SG_BASE.replace('"10.0.0.0/8"', '"0.0.0.0/0"');
const SG_DYNAMIC = `resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
`;

describe('each matcher, alone', () => {
  const bucket = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  acl    = "private"\n}\n';
  const publicBucket = bucket.replace('"private"', '"public-read"');
  const passRole =
    'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "Iam:PassRole", Resource = "*" }] })\n}\n';
  const cases: [string, RuleMatch, Files, Files, boolean][] = [
    ['kinds: a variable', { kinds: ['variable'] }, {}, { 'v.tf': 'variable "x" {}\n' }, true],
    ['kinds: not a resource', { kinds: ['resource'] }, {}, { 'v.tf': 'variable "x" {}\n' }, false],
    ['resource_types glob', { resourceTypes: ['aws_s3_*'] }, {}, { 'm.tf': bucket }, true],
    ['resource_types glob, other type', { resourceTypes: ['aws_iam_*'] }, {}, { 'm.tf': bucket }, false],
    [
      'resource_types on a data source',
      { resourceTypes: ['aws_iam_policy_document'] },
      {},
      { 'm.tf': 'data "aws_iam_policy_document" "p" {}\n' },
      true,
    ],
    ['addresses glob', { addresses: ['aws_s3_bucket.l*'] }, {}, { 'm.tf': bucket }, true],
    ['addresses glob, no match', { addresses: ['module.*'] }, {}, { 'm.tf': bucket }, false],
    ['actions: delete', { actions: ['delete'] }, { 'm.tf': bucket }, {}, true],
    ['actions: delete, but created', { actions: ['delete'] }, {}, { 'm.tf': bucket }, false],
    ['attributes: changed path', { attributes: ['acl'] }, { 'm.tf': bucket }, { 'm.tf': publicBucket }, true],
    ['attributes: unchanged path', { attributes: ['bucket'] }, { 'm.tf': bucket }, { 'm.tf': publicBucket }, false],
    [
      'attributes: nested path without index',
      { attributes: ['ingress.cidr_blocks'] },
      { 'm.tf': SG_BASE },
      { 'm.tf': SG_OPEN },
      true,
    ],
    [
      'attributes: a created object has every path',
      { attributes: ['ingress[*].protocol'] },
      {},
      { 'm.tf': SG_BASE },
      true,
    ],
    ['values equals', { values: [{ attribute: 'acl', equals: 'public-read' }] }, {}, { 'm.tf': publicBucket }, true],
    [
      'values equals, other value',
      { values: [{ attribute: 'acl', equals: 'public-read' }] },
      {},
      { 'm.tf': bucket },
      false,
    ],
    [
      'values contains in a list',
      { values: [{ attribute: '**.cidr_blocks', contains: '0.0.0.0/0' }] },
      {},
      { 'm.tf': SG_OPEN },
      true,
    ],
    [
      'values contains, private CIDR',
      { values: [{ attribute: '**.cidr_blocks', contains: '0.0.0.0/0' }] },
      {},
      { 'm.tf': SG_BASE },
      false,
    ],
    ['values regex', { values: [{ attribute: 'acl', regex: '^public-' }] }, {}, { 'm.tf': publicBucket }, true],
    [
      'values of a deletion come from base',
      { values: [{ attribute: 'acl', equals: 'public-read' }] },
      { 'm.tf': publicBucket },
      {},
      true,
    ],
    ['files on objects', { files: ['prod/**'] }, {}, { 'prod/m.tf': bucket }, true],
    ['files on objects, other dir', { files: ['prod/**'], kinds: ['resource'] }, {}, { 'dev/m.tf': bucket }, false],
    [
      'module_changes: version',
      { moduleChanges: ['version'] },
      { 'm.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n' },
      { 'm.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.1.0"\n}\n' },
      true,
    ],
    [
      'module_changes: source, but only the version changed',
      { moduleChanges: ['source'] },
      { 'm.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n' },
      { 'm.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.1.0"\n}\n' },
      false,
    ],
    [
      'values ignore_case: equals',
      { values: [{ attribute: 'acl', equals: 'PUBLIC-READ', ignoreCase: true }] },
      {},
      { 'm.tf': publicBucket },
      true,
    ],
    [
      'values without ignore_case: equals is exact',
      { values: [{ attribute: 'acl', equals: 'PUBLIC-READ' }] },
      {},
      { 'm.tf': publicBucket },
      false,
    ],
    [
      'values ignore_case: contains',
      { values: [{ attribute: 'acl', contains: 'PUBLIC', ignoreCase: true }] },
      {},
      { 'm.tf': publicBucket },
      true,
    ],
    [
      'values ignore_case: regex',
      { values: [{ attribute: 'policy', key: 'Action', regex: '^iam:PassRole$', ignoreCase: true }] },
      {},
      { 'm.tf': passRole },
      true,
    ],
    [
      'values without ignore_case: regex is exact',
      { values: [{ attribute: 'policy', key: 'Action', regex: '^iam:PassRole$' }] },
      {},
      { 'm.tf': passRole },
      false,
    ],
    [
      'values covers: a pattern that grants the name (Iam:Pass*)',
      { values: [{ attribute: 'policy', key: 'Action', covers: ['iam:PassRole'], ignoreCase: true }] },
      {},
      { 'm.tf': passRole.replace('Iam:PassRole', 'Iam:Pass*') },
      true,
    ],
    [
      'values covers: a pattern that does not (iam:Get*)',
      { values: [{ attribute: 'policy', key: 'Action', covers: ['iam:PassRole'], ignoreCase: true }] },
      {},
      { 'm.tf': passRole.replace('Iam:PassRole', 'iam:Get*') },
      false,
    ],
    [
      'values cidr: internet',
      { values: [{ attribute: 'cidr_blocks', cidr: 'internet' }] },
      {},
      { 'm.tf': 'resource "aws_security_group_rule" "r" {\n  cidr_blocks = ["128.0.0.0/1"]\n}\n' },
      true,
    ],
    [
      'values unless: the enclosing object has the key with that value',
      {
        values: [
          { attribute: 'policy', key: 'Action', equals: 'Iam:PassRole', unless: { key: 'Effect', equals: 'Allow' } },
        ],
      },
      {},
      { 'm.tf': passRole },
      false,
    ],
    [
      'values unless: another value does not cancel',
      {
        values: [
          { attribute: 'policy', key: 'Action', equals: 'Iam:PassRole', unless: { key: 'Effect', equals: 'Deny' } },
        ],
      },
      {},
      { 'm.tf': passRole },
      true,
    ],
    [
      'values unless: an absent key does not cancel',
      {
        values: [
          { attribute: 'policy', key: 'Action', equals: 'Iam:PassRole', unless: { key: 'Condition', equals: 'x' } },
        ],
      },
      {},
      { 'm.tf': passRole },
      true,
    ],
    [
      "attributes: a dynamic block's content as the block it generates",
      { attributes: ['ingress.cidr_blocks'] },
      { 'm.tf': SG_DYNAMIC },
      { 'm.tf': SG_DYNAMIC.replace('10.0.0.0/8', '10.1.0.0/16') },
      true,
    ],
    [
      "values: a dynamic block's content as the block it generates",
      { values: [{ attribute: 'ingress[*].cidr_blocks', contains: '10.' }] },
      {},
      { 'm.tf': SG_DYNAMIC },
      true,
    ],
    [
      'module_changes: a new module call is a source change',
      { moduleChanges: ['source'] },
      {},
      { 'm.tf': 'module "vpc" {\n  source = "./vpc"\n}\n' },
      true,
    ],
  ];
  it.each(cases)('%s', (_name, match, base, head, expected) => {
    const { findings } = classify(base, head, policyWith([rule('test.rule', match)]));
    expect(findings.some(([, ruleId]) => ruleId === 'test.rule')).toBe(expected);
  });

  it('all conditions of a rule must hold (AND), any entry of a list may (OR)', () => {
    const match: RuleMatch = {
      resourceTypes: ['aws_iam_role', 'aws_s3_bucket'],
      actions: ['create'],
      addresses: ['*.logs'],
    };
    expect(classify({}, { 'm.tf': bucket }, policyWith([rule('r', match)])).findings).toEqual([
      ['aws_s3_bucket.logs', 'r', 'high'],
    ]);
    expect(classify({ 'm.tf': bucket }, {}, policyWith([rule('r', match)])).findings).toEqual([
      ['aws_s3_bucket.logs', 'default', 'low'],
    ]);
  });

  it('values with a key look inside jsonencode() and heredoc JSON policy documents', () => {
    const star = rule('star', { values: [{ attribute: 'policy', key: 'Action', equals: '*' }] }, 'critical');
    const jsonencoded =
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:x" }] })\n}\n';
    const heredoc =
      'resource "aws_iam_policy" "p" {\n  policy = <<EOT\n{"Statement": [{"Effect": "Allow", "Action": ["s3:*", "*"], "Resource": "arn:x"}]}\nEOT\n}\n';
    const narrow = jsonencoded.replace('Action = "*"', 'Action = "s3:GetObject"');
    const resourceStar = jsonencoded.replace('Action = "*"', 'Action = "s3:GetObject"').replace('"arn:x"', '"*"');
    expect(classify({}, { 'm.tf': jsonencoded }, policyWith([star])).tier).toBe('critical');
    expect(classify({}, { 'm.tf': heredoc }, policyWith([star])).tier).toBe('critical');
    expect(classify({}, { 'm.tf': narrow }, policyWith([star])).tier).toBe('low');
    expect(classify({}, { 'm.tf': resourceStar }, policyWith([star])).tier).toBe('low');
  });

  it('a finding points at the attribute that matched, not only at the block', () => {
    const { raw } = classify(
      {},
      { 'm.tf': SG_OPEN },
      policyWith([rule('open', { values: [{ attribute: '**.cidr_blocks', contains: '0.0.0.0/0' }] })]),
    );
    expect(raw[0]).toMatchObject({
      ruleId: 'open',
      file: 'm.tf',
      line: 7,
      action: 'create',
      kind: 'resource',
      module: '.',
    });
  });

  const OVERRIDE_OPEN = `resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
  const OVERRIDE_THROUGH_VAR = `variable "open" {
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.open
  }
}
`;
  // The attribute's line is in the file that wrote it; the object's own file may be shorter.
  it.each<{ name: string; head: Files; at: [string, number] }>([
    {
      name: 'an override file sets it',
      head: { 'm.tf': SG_BASE, 'm_override.tf': OVERRIDE_OPEN },
      at: ['m_override.tf', 6],
    },
    {
      name: 'an override file sets it through a variable it declares',
      head: { 'm.tf': SG_BASE, 'z_override.tf': OVERRIDE_THROUGH_VAR },
      at: ['z_override.tf', 10],
    },
    { name: 'the object file itself sets it', head: { 'm.tf': SG_OPEN }, at: ['m.tf', 7] },
  ])('a finding points at the file that wrote the attribute: $name', ({ head, at: [file, line] }) => {
    const { raw } = classify(
      { 'm.tf': SG_BASE },
      head,
      policyWith([rule('open', { values: [{ attribute: '**.cidr_blocks', contains: '0.0.0.0/0' }] })]),
    );
    expect(raw.find((finding) => finding.ruleId === 'open')).toMatchObject({ file, line });
  });
});

describe('file rules (only `files`)', () => {
  it('match changed files of any kind, renames by either path', () => {
    const owners = rule('owners', { files: ['**/CODEOWNERS', 'CODEOWNERS'] });
    expect(classify({ CODEOWNERS: '* @a\n' }, { CODEOWNERS: '* @b\n' }, policyWith([owners])).findings).toEqual([
      ['CODEOWNERS', 'owners', 'high'],
    ]);
    expect(classify({ CODEOWNERS: '* @a\n' }, { 'docs/x': '* @a\n' }, policyWith([owners])).findings).toEqual([
      ['docs/x', 'owners', 'high'],
    ]);
  });
  it('an unchanged file matches nothing', () => {
    const owners = rule('owners', { files: ['CODEOWNERS'] });
    expect(classify({ CODEOWNERS: 'x' }, { CODEOWNERS: 'x' }, policyWith([owners]))).toMatchObject({
      tier: 'none',
      findings: [],
    });
  });
});

describe('tiers, defaults and the catalog', () => {
  it('no Terraform change at all is `none`', () => {
    expect(classify({ 'README.md': 'a' }, { 'README.md': 'b' }, defaultPolicy(), BUILTIN_CATALOG)).toMatchObject({
      tier: 'none',
      findings: [],
    });
  });

  it('formatting-only edits are `none`: alignment, comments, blank lines, attribute order, quoting', () => {
    const before = 'resource "aws_iam_role" "ci" {\n  name = "ci"\n  tags = { a = "1", b = "2" }\n}\n';
    const after =
      '# the CI role\nresource "aws_iam_role" "ci" {\n\n  tags   = {\n    b = "2" // sorted later\n    a = "1"\n  }\n  name   = "ci"\n}\n';
    expect(classify({ 'main.tf': before }, { 'main.tf': after }, defaultPolicy(), BUILTIN_CATALOG)).toMatchObject({
      tier: 'none',
      findings: [],
    });
  });

  it('without a policy file the built-in catalog and default tier apply', () => {
    const { tier, findings } = classify(
      {},
      { 'main.tf': 'resource "aws_iam_role" "ci" {\n  name = "ci"\n}\nresource "null_resource" "x" {}\n' },
      defaultPolicy(),
      BUILTIN_CATALOG,
    );
    expect(tier).toBe('high');
    expect(findings).toContainEqual(['null_resource.x', 'default', 'low']);
    expect(findings.find(([address]) => address === 'aws_iam_role.ci')?.[2]).toBe('high');
  });

  it('catalog.default_tier changes the tier of unmatched changes', () => {
    const policy = policyWith([], (p) => {
      p.catalog.defaultTier = 'medium';
    });
    expect(classify({}, { 'main.tf': 'resource "null_resource" "x" {}\n' }, policy, BUILTIN_CATALOG).findings).toEqual([
      ['null_resource.x', 'default', 'medium'],
    ]);
  });

  it('catalog.disable drops a built-in rule; catalog.overrides changes its tier and rationale', () => {
    const head = { 'main.tf': 'resource "aws_iam_role" "ci" {\n  name = "ci"\n}\n' };
    const ruleIds = classify({}, head, defaultPolicy(), BUILTIN_CATALOG).findings.map(([, id]) => id);
    const target = ruleIds.find((id) => id !== 'default')!;
    const disabled = policyWith([], (p) => {
      p.catalog.disable = [target];
    });
    expect(classify({}, head, disabled, BUILTIN_CATALOG).findings.map(([, id]) => id)).not.toContain(target);
    const lowered = policyWith([], (p) => {
      p.catalog.overrides = [{ id: target, tier: 'medium', rationale: 'we accept this' }];
    });
    const overridden = classify({}, head, lowered, BUILTIN_CATALOG).raw.find((f) => f.ruleId === target)!;
    expect(overridden).toMatchObject({ tier: 'medium', rationale: 'we accept this' });
  });

  it('the policy file rule cannot be disabled or lowered, even by a hand-built policy', () => {
    const policy = policyWith([], (p) => {
      p.catalog.disable = ['repository.four-eyes.policy-file'];
      p.catalog.overrides = [{ id: 'repository.four-eyes.policy-file', tier: 'low' }];
    });
    const { tier, findings } = classify(
      { '.github/four-eyes.yml': 'a: 1\n' },
      { '.github/four-eyes.yml': 'a: 2\n' },
      policy,
      BUILTIN_CATALOG,
    );
    expect(tier).toBe('critical');
    expect(findings).toEqual([['.github/four-eyes.yml', 'repository.four-eyes.policy-file', 'critical']]);
  });

  it('the overall tier is the highest finding, and findings are sorted highest first', () => {
    const rules = [rule('a', { kinds: ['variable'] }, 'medium'), rule('b', { kinds: ['output'] }, 'critical')];
    const { tier, findings } = classify(
      {},
      { 'm.tf': 'variable "v" {}\noutput "o" {\n  value = 1\n}\n' },
      policyWith(rules),
    );
    expect(tier).toBe('critical');
    expect(findings).toEqual([
      ['output.o', 'b', 'critical'],
      ['var.v', 'a', 'medium'],
    ]);
  });
});

describe('fail closed', () => {
  it('a file that does not parse is critical and says why', () => {
    const { tier, raw } = classify(
      {},
      { 'main.tf': 'resource "x" "y" {\n  a = \n}\n' },
      defaultPolicy(),
      BUILTIN_CATALOG,
    );
    expect(tier).toBe('critical');
    expect(raw[0]).toMatchObject({ ruleId: 'unparseable', address: 'main.tf', line: 2, tier: 'critical' });
    expect(raw[0]!.rationale).toMatch(/^cannot be classified: expected an expression, found a new line \(line 2\)/);
  });

  it('a configuration Terraform would reject (a duplicate address) is critical', () => {
    const twice = 'resource "aws_s3_bucket" "b" {}\n';
    const { tier, raw } = classify({}, { 'a.tf': twice, 'b.tf': twice }, defaultPolicy(), BUILTIN_CATALOG);
    expect(tier).toBe('critical');
    expect(raw.some((f) => f.ruleId === 'invalid-configuration' && f.address === 'aws_s3_bucket.b')).toBe(true);
  });
});
