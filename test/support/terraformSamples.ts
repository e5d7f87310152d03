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

resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.ssh_cidrs
  }
}
`;
}
