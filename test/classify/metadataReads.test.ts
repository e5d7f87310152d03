import { describe, expect, it } from 'vitest';
import { isMetadataRead } from '../../src/classify/metadataReads.js';
import { topRules } from '../support/classifyTrees.js';
import type { Files } from './catalog/support.js';

/*
 * terraform-aws-iam adds `ec2:DescribeInstanceTypes` to the EBS CSI driver's policy: a widening,
 * but by a read of the account's metadata only. Rated by what was added (medium, which still
 * asks for an approval by default), not by the policy's rule (high).
 */

describe('which actions read metadata only', () => {
  it.each<[string, boolean]>([
    ['ec2:DescribeInstanceTypes', true],
    ['route53:ListTagsForResources', true],
    ['EC2:describeRouteTables', true],
    ['ec2:DescribeInstanceAttribute', false],
    ['ec2:DescribeLaunchTemplateVersions', false],
    ['lambda:ListFunctions', false],
    ['s3:ListBucket', false],
    ['cognito-idp:ListUsers', false],
    ['cloudformation:DescribeStacks', false],
    ['cognito-idp:DescribeUserPoolClient', false],
    ['ec2:Describe*', false],
    ['ec2:DescribeInstance?', false],
    ['ec2:GetSecurityGroupsForVpc', true],
    ['iam:GetRole', true],
    ['ec2:GetPasswordData', false],
    ['ec2:GetConsoleOutput', false],
    ['ssm:GetParametersByPath', false],
    ['secretsmanager:GetSecretValue', false],
    ['s3:PutObject', false],
    ['*', false],
  ])('%s: %s', (action, expected) => {
    expect(isMetadataRead(action)).toBe(expected);
  });
});

const policy = (statements: string) => `data "aws_iam_policy_document" "driver" {
${statements}}
`;
const statement = (actions: string, resources = '"*"', extra = '') => `  statement {
    actions   = [${actions}]
    resources = [${resources}]
${extra}  }
`;
const DENY = statement('"ec2:DeleteVolume"', '"*"', '    effect = "Deny"\n');
const BASE = policy(statement('"ec2:AttachVolume", "ec2:DetachVolume"') + DENY);
const files = (main: string): Files => ({ 'main.tf': main });

describe('an identity policy widened by metadata reads only', () => {
  it.each<[string, string, [string, string[]]]>([
    [
      'medium: ec2:DescribeInstanceTypes added to a statement',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ec2:DescribeInstanceTypes"') + DENY),
      ['medium', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'medium: a statement of two Describe actions added',
      policy(
        statement('"ec2:AttachVolume", "ec2:DetachVolume"') +
          statement('"ec2:DescribeRouteTables", "ec2:DescribeSubnets"') +
          DENY,
      ),
      ['medium', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: a Describe action that returns user data',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ec2:DescribeInstanceAttribute"') + DENY),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: ec2:Describe* (it stands for those as well)',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ec2:Describe*"') + DENY),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: a Get action that reads secrets',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ssm:GetParametersByPath"') + DENY),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: a Describe action beside a write action',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ec2:DescribeVolumes", "ec2:CreateVolume"') + DENY),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: a Describe action added and the Deny removed',
      policy(statement('"ec2:AttachVolume", "ec2:DetachVolume", "ec2:DescribeInstanceTypes"')),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: a List action given to another account (a principal: access for someone else)',
      policy(
        statement('"ec2:AttachVolume", "ec2:DetachVolume"') +
          statement(
            '"s3:ListBucket"',
            '"arn:aws:s3:::data"',
            '    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::999999999999:root"]\n    }\n',
          ) +
          DENY,
      ),
      ['high', ['identity.aws.iam-policy-document']],
    ],
  ])('%s', (_name, head, expected) => {
    expect(topRules(files(BASE), files(head))).toEqual(expected);
  });
});
