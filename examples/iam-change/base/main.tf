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

resource "aws_iam_role" "ci" {
  name               = "ci-deployer"
  assume_role_policy = data.aws_iam_policy_document.ci_trust.json
  tags               = local.tags
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
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::acme-artifacts/*"
    }]
  })
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
  lifecycle {
    prevent_destroy = true
  }
}
