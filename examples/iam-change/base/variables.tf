variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "github_oidc_provider_arn" {
  type = string
}

locals {
  tags = { team = "platform", managed_by = "terraform" }
}
