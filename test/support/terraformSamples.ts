/**
 * A bastion security group whose SSH ingress reads `var.ssh_cidrs`: the resource a value
 * changed elsewhere (a var file, a default) must be judged at. With `defaultCidrs`, the
 * variable has that default (on line 3); the `cidr_blocks` line is 11, or 12 with a default.
 */
export function sshSecurityGroup(defaultCidrs?: string[]): string {
  const fallback = defaultCidrs ? `  default = ${JSON.stringify(defaultCidrs)}\n` : '';
  return `variable "ssh_cidrs" {
  type    = list(string)
${fallback}}

${bastionGroup('var.ssh_cidrs')}`;
}

/** The bastion security group alone, its SSH ingress reading `cidrBlocks` and its name `name` (expressions). */
export function bastionGroup(cidrBlocks: string, name = '"bastion"'): string {
  return `resource "aws_security_group" "bastion" {
  name = ${name}
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ${cidrBlocks}
  }
}
`;
}

/**
 * An SSH ingress rule whose one CIDR is `cidr` (an expression: `var.cidr`, `local.net.cidr`),
 * on `port` (a literal or an expression), with `forEach` (an argument line) before the rest.
 */
export function sshRule(cidr: string, { port = '22', forEach = '' }: { port?: string; forEach?: string } = {}): string {
  return `resource "aws_security_group_rule" "ssh" {
${forEach}  type              = "ingress"
  from_port         = ${port}
  to_port           = ${port}
  protocol          = "tcp"
  security_group_id = "sg-1"
  cidr_blocks       = [${cidr}]
}
`;
}
