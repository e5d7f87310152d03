terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "ci/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = var.region
}

# Renamed from "ci": the role now deploys as well as builds.
resource "aws_iam_role" "deployer" {
  name               = "ci-deployer"
  assume_role_policy = data.aws_iam_policy_document.ci_trust.json
  tags               = local.tags
}

moved {
  from = aws_iam_role.ci
  to   = aws_iam_role.deployer
}

data "aws_iam_policy_document" "ci_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.github_oidc_provider_arn]
    }
  }
}

resource "aws_iam_role_policy" "ci_read" {
  name = "read-artifacts"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "iam:PassRole"]
      Resource = "*"
    }]
  })
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
}

resource "aws_security_group_rule" "deploy_ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = var.runner_security_group_id
}
