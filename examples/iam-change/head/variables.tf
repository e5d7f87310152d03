variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "github_oidc_provider_arn" {
  type = string
}

variable "runner_security_group_id" {
  type        = string
  description = "Security group of the self-hosted runners"
}

locals {
  # formatting-only edit: re-aligned and re-ordered, same values
  tags = {
    managed_by = "terraform"
    team       = "platform"
  }
}
