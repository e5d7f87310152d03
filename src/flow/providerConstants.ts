import type { Expression } from '../terraform/model.js';

/**
 * What an AWS data source that names the partition gives, read as the commercial partition
 * (`aws`), where the literals it replaces were written: `arn:aws:s3:::logs` rewritten
 * `arn:${data.aws_partition.current.partition}:s3:::logs` grants the same. (In another partition
 * the literal named nothing there; the rewrite makes the grant work. docs/terraform.md says so.)
 */
const PARTITION_ATTRIBUTES: Readonly<Record<string, string>> = {
  partition: 'aws',
  id: 'aws',
  dns_suffix: 'amazonaws.com',
  reverse_dns_prefix: 'com.amazonaws',
};

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/**
 * The value of `data.aws_partition.x.partition`, `data.aws_service_principal.x.name` (with a
 * known `service_name`: `ec2.amazonaws.com` in any region of the commercial partition), `data.aws_region.x.name` read
 * as `.region` (the AWS provider v6 renamed it, and both are the same region), or
 * `data.aws_iam_policy.x.arn` (its known `arn`, or the managed policy its known `name` and
 * `path_prefix` find: `AdministratorAccess` looked up by name is attached as surely as by ARN; a
 * customer policy of that name ends its ARN the same way, which is what rules read), and its
 * `policy` where that ARN is an AWS managed policy whose document is known; null for
 * anything else. `argumentOf` gives an argument of the data source in the module
 * (`data.aws_iam_policy.admin`, `name`), resolved: a name a tfvars entry sets is known too.
 */
export function providerConstant(
  expr: GetAttr,
  argumentOf: (address: string, name: string) => Expression | undefined,
): Expression | null {
  const member = serviceAccountMember(expr);
  if (member) return member;
  const source = dataSourceOf(expr.target);
  if (!source) return null;
  const literal = (value: string): Expression => ({ kind: 'literal', value, range: expr.range });
  switch (source.type) {
    case 'aws_partition': {
      const value = PARTITION_ATTRIBUTES[expr.name];
      return value === undefined ? null : literal(value);
    }
    case 'aws_service_principal': {
      if (expr.name !== 'name') return null;
      const service = argumentOf(`data.aws_service_principal.${source.name}`, 'service_name');
      return service?.kind === 'literal' &&
        typeof service.value === 'string' &&
        /^[a-z0-9][a-z0-9.-]*$/.test(service.value)
        ? literal(`${service.value}.amazonaws.com`)
        : null;
    }
    case 'aws_region':
      return expr.name === 'name' ? { ...expr, name: 'region' } : null;
    case 'aws_iam_policy': {
      if (expr.name !== 'arn' && expr.name !== 'policy') return null;
      const arn = policyArn((name) => argumentOf(`data.aws_iam_policy.${source.name}`, name));
      if (arn === null) return null;
      if (expr.name === 'arn') return literal(arn);
      // The document of an AWS managed policy known here: `AdministratorAccess`'s text used inline grants what it grants.
      const document = MANAGED_POLICY_DOCUMENTS[arn];
      return document === undefined ? null : literal(document);
    }
    default:
      return null;
  }
}

/**
 * The ARN `data.aws_iam_policy` finds: its known `arn`, or the managed policy its known `name`
 * and `path_prefix` name. Null where they are not known.
 */
function policyArn(argument: (name: string) => Expression | undefined): string | null {
  const text = (name: string) => {
    const value = argument(name);
    return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
  };
  const arn = text('arn');
  if (arn !== undefined) return arn;
  const name = text('name');
  if (name === undefined || !/^[\w+=,.@-]+$/.test(name)) return null;
  const path = (text('path_prefix') ?? '/').replace(/^\/+|\/+$/g, '');
  return `arn:aws:iam::aws:policy/${path === '' ? '' : `${path}/`}${name}`;
}

/** AWS managed policies whose document is fixed and known, by ARN, as AWS publishes them. */
const MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, string>> = {
  'arn:aws:iam::aws:policy/AdministratorAccess':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
};

/** Data sources whose attributes providerConstant computes from their own arguments, and those attributes. */
const FROM_ARGUMENTS: Readonly<Record<string, ReadonlySet<string>>> = {
  aws_service_principal: new Set(['name']),
  aws_iam_policy: new Set(['arn', 'policy']),
};

/**
 * The address of the data source whose arguments `expr`'s constant is computed from
 * (`data.aws_iam_policy.admin` for `data.aws_iam_policy.admin.arn`): a change of those arguments
 * reaches what reads it. Null for any other reference.
 */
export function constantArgumentsSource(expr: GetAttr): string | null {
  const source = dataSourceOf(expr.target);
  return source && FROM_ARGUMENTS[source.type]?.has(expr.name) ? `data.${source.type}.${source.name}` : null;
}

/** `data.<type>.<name>` or `data.<type>.<name>[i]`: the type and name; null for any other target. */
export function dataSourceOf(target: Expression): { type: string; name: string } | null {
  const named = target.kind === 'index' ? target.target : target;
  if (named.kind !== 'getAttr' || named.target.kind !== 'getAttr') return null;
  const typed = named.target;
  if (typed.target.kind !== 'variable' || typed.target.name !== 'data') return null;
  return { type: typed.name, name: named.name };
}

/** Google resources whose `member` is `serviceAccount:` and their `email`, as the provider documents it. */
const SERVICE_ACCOUNT_TYPES: ReadonlySet<string> = new Set([
  'google_service_account',
  'google_project_service_identity',
]);

/**
 * `google_service_account.x.member` as the provider defines it, `"serviceAccount:${google_service_account.x.email}"`,
 * so an IAM member written either way is the same member.
 */
function serviceAccountMember(expr: GetAttr): Expression | null {
  if (expr.name !== 'member') return null;
  const named = expr.target.kind === 'index' ? expr.target.target : expr.target;
  if (named.kind !== 'getAttr' || named.target.kind !== 'variable' || !SERVICE_ACCOUNT_TYPES.has(named.target.name))
    return null;
  const email: Expression = { kind: 'getAttr', target: expr.target, name: 'email', range: expr.range };
  return {
    kind: 'template',
    parts: [
      { kind: 'text', value: 'serviceAccount:' },
      { kind: 'interpolation', expr: email, stripLeft: false, stripRight: false },
    ],
    heredoc: false,
    range: expr.range,
  };
}
