import { describe, expect, it } from 'vitest';
import { topRules } from '../support/classifyTrees.js';
import type { Files } from './catalog/support.js';

/*
 * terraform-aws-eks's Karpenter policy names its cluster and queue by references known only at
 * apply time (`aws_eks_cluster.this[0].name`, `try(aws_sqs_queue.this[0].arn, null)`). The same
 * reference at both sides is the same value, as the change set compares it; so the document can
 * be compared by what it grants, and `ec2:DescribeCapacityReservations` added is a metadata read.
 */

const document = (
  readActions: string,
  queueResource = 'try(aws_sqs_queue.this[0].arn, null)',
  clusterTag = 'aws_eks_cluster.this[0].name',
) => `data "aws_iam_policy_document" "controller" {
  statement {
    sid       = "AllowRegionalReadActions"
    actions   = [${readActions}]
    resources = ["*"]
  }
  statement {
    sid       = "AllowScopedInstanceActions"
    actions   = ["ec2:RunInstances"]
    resources = ["arn:aws:ec2:\${data.aws_region.current.region}:*:launch-template/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/kubernetes.io/cluster/\${${clusterTag}}"
      values   = ["owned"]
    }
  }
  statement {
    sid       = "AllowInterruptionQueueActions"
    actions   = ["sqs:ReceiveMessage"]
    resources = [${queueResource}]
  }
}
`;

const files = (main: string): Files => ({ 'main.tf': main });
const READS = '"ec2:DescribeImages", "ec2:DescribeSubnets"';

describe('references known only at apply time, the same at both sides', () => {
  it.each<[string, string, string, [string, string[]]]>([
    [
      'medium: a metadata read added beside statements naming the cluster and queue by reference',
      document(READS),
      document(`${READS}, "ec2:DescribeCapacityReservations"`),
      ['medium', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
    [
      'still caught: the queue statement given another queue',
      document(READS),
      document(READS, 'try(aws_sqs_queue.other[0].arn, null)'),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: the condition tag naming another cluster',
      document(READS),
      document(READS, undefined, 'aws_eks_cluster.other[0].name'),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: a reference with a fallback that is not a literal',
      document(READS, 'try(aws_sqs_queue.this[0].arn, var.fallback)'),
      document(`${READS}, "ec2:DescribeCapacityReservations"`, 'try(aws_sqs_queue.this[0].arn, var.fallback)'),
      ['high', ['identity.aws.iam-policy-document', 'identity.aws.wildcard-resource']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(files(base), files(head))).toEqual(expected);
  });
});
