import { describe, expect, it } from 'vitest';
import { classifyTrees as classify } from '../support/classifyTrees.js';
import { sshSecurityGroup } from '../support/terraformSamples.js';

/*
 * A directory a pipeline applies is a root with its own state whoever else calls it. Another
 * directory that starts calling it as a module does not stop that pipeline: its
 * terraform.tfvars still lands on its own objects.
 */

const PROD = { 'prod/main.tf': sshSecurityGroup(['10.0.0.0/8']) };
const WRAPPER = { 'wrapper/main.tf': 'module "p" {\n  source    = "../prod"\n  ssh_cidrs = ["10.1.0.0/16"]\n}\n' };
const NARROW = { 'prod/terraform.tfvars': 'ssh_cidrs = ["10.0.0.0/8"]\n' };
const OPEN = { 'prod/terraform.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' };

function openWorld(result: ReturnType<typeof classify>) {
  return result.findings.filter((f) => f.ruleId === 'network.aws.security-group-open-world');
}

describe('a root stays a root when a directory starts or stops calling it', () => {
  it('a wrapper added beside a tfvars change that opens SSH: critical, traced from the tfvars', () => {
    const result = classify({ ...PROD, ...NARROW }, { ...PROD, ...OPEN, ...WRAPPER });
    expect(result.tier).toBe('critical');
    expect(openWorld(result).map((f) => f.via)).toEqual([
      ['prod/terraform.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks'],
    ]);
  });

  it('the wrapper removed beside the same change: critical too', () => {
    const result = classify({ ...PROD, ...NARROW, ...WRAPPER }, { ...PROD, ...OPEN });
    expect(result.tier).toBe('critical');
    expect(openWorld(result)).toHaveLength(1);
  });

  it('a wrapper added alone deletes nothing in the root it calls: that state stays', () => {
    const result = classify({ ...PROD, ...NARROW }, { ...PROD, ...NARROW, ...WRAPPER });
    expect(result.findings.filter((f) => f.action === 'delete')).toEqual([]);
  });
});
