/**
 * IAM actions that read an account's metadata (what exists and how it is set up) without
 * returning a secret or the data a resource holds: `ec2:DescribeInstanceTypes`,
 * `route53:ListTagsForResources`. By name: a `Describe` or `List` action (not of S3, whose listings
 * are object keys), written out whole (a
 * wildcard such as `ec2:Describe*` stands for actions below as well), and not one of those known
 * to return user data, environment variables, stack outputs, people's details, client secrets,
 * API keys or command output.
 * `Get` actions are among them only by name (METADATA_GETS): `GetSecretValue`, `GetObject`,
 * `GetParametersByPath` and `GetPasswordData` are reads of the data itself.
 */
const METADATA_ACTION = /^[a-z0-9-]+:(describe|list)[a-z0-9]*$/;

/** Describe/List actions whose answers hold secrets or data (lower case). */
const REVEALING_ACTIONS: ReadonlySet<string> = new Set([
  // user data and launch specifications
  'ec2:describeinstanceattribute',
  'ec2:describelaunchtemplateversions',
  'ec2:describespotinstancerequests',
  'ec2:describespotfleetrequests',
  'autoscaling:describelaunchconfigurations',
  // environment variables and task overrides
  'ecs:describetaskdefinition',
  'ecs:describetasks',
  'batch:describejobdefinitions',
  'batch:describejobs',
  'lambda:listfunctions',
  'lambda:listversionsbyfunction',
  'elasticbeanstalk:describeconfigurationsettings',
  'apprunner:describeservice',
  'amplify:listapps',
  'amplify:listbranches',
  'opsworks:describestacks',
  'opsworks:describeapps',
  'elasticmapreduce:describecluster',
  'sagemaker:describetrainingjob',
  'states:describeexecution',
  'datapipeline:describeobjects',
  // stack outputs, SQL text, job arguments
  'cloudformation:describestacks',
  'redshift-data:describestatement',
  'emr-containers:describejobrun',
  // people: users' attributes, subscribers' addresses, account e-mails
  'cognito-idp:listusers',
  'cognito-idp:listusersingroup',
  'sns:listsubscriptions',
  'sns:listsubscriptionsbytopic',
  'organizations:listaccounts',
  // client secrets, API keys, webhook tokens, command output
  'cognito-idp:describeuserpoolclient',
  'appsync:listapikeys',
  'codepipeline:listwebhooks',
  'ssm:listcommandinvocations',
  'ssm:listcommands',
]);

/**
 * `Get` actions that return how something is set up and nothing it holds (lower case): the
 * security groups of a VPC, a prefix list's entries, a role or policy as IAM stores it, the web
 * ACL in front of a load balancer.
 */
const METADATA_GETS: ReadonlySet<string> = new Set([
  'ec2:getsecuritygroupsforvpc',
  'ec2:getmanagedprefixlistentries',
  'ec2:getmanagedprefixlistassociations',
  'ec2:getebsencryptionbydefault',
  'ec2:getebsdefaultkmskeyid',
  'ec2:getinstancetypesfrominstancerequirements',
  'ec2:getsubnetcidrreservations',
  'iam:getrole',
  'iam:getpolicy',
  'iam:getpolicyversion',
  'iam:getinstanceprofile',
  'iam:getopenidconnectprovider',
  'wafv2:getwebacl',
  'wafv2:getwebaclforresource',
  'waf-regional:getwebaclforresource',
  'shield:getsubscriptionstate',
]);

/**
 * Services whose listings are the data: S3 object keys (`s3:ListBucket`) and similar names
 * often carry what the objects are about.
 */
const LISTED_DATA_SERVICES: ReadonlySet<string> = new Set(['s3', 's3-object-lambda', 's3express']);

/** Whether `action` only reads metadata (see METADATA_ACTION). */
export function isMetadataRead(action: string): boolean {
  const lower = action.toLowerCase();
  if (METADATA_GETS.has(lower)) return true;
  return (
    METADATA_ACTION.test(lower) &&
    !REVEALING_ACTIONS.has(lower) &&
    !LISTED_DATA_SERVICES.has(lower.slice(0, lower.indexOf(':')))
  );
}
