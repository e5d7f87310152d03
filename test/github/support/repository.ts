import type { ScenarioFile } from './scenario.js';

export interface RepositoryFile {
  path: string;
  content: string;
}

/**
 * A Terraform repository of 300 files in 30 module directories: 6 roots (`envs/r<i>`: main.tf
 * calling three local modules, variables, outputs, providers and terraform.tfvars) and 24
 * modules (`modules/m<j>`: ten .tf files and a README; the first of each root's modules calls
 * the fourth as a nested module), and six other files (envs/r1 reads a JSON policy with
 * `file()`). Every file's content is distinct, as in a real repository.
 */
export function terraformRepository(): RepositoryFile[] {
  const files: RepositoryFile[] = [];
  for (let r = 0; r < 6; r++) {
    const calls = [0, 1, 2]
      .map((k) => `module "m${4 * r + k}" {\n  source = "../../modules/m${4 * r + k}"\n  cidr   = var.cidr\n}\n`)
      .join('\n');
    files.push(
      { path: `envs/r${r}/main.tf`, content: calls },
      { path: `envs/r${r}/variables.tf`, content: `variable "cidr" {\n  type = string\n}\n# root ${r}\n` },
      { path: `envs/r${r}/outputs.tf`, content: `output "root" {\n  value = "r${r}"\n}\n` },
      { path: `envs/r${r}/providers.tf`, content: `provider "aws" {\n  region = "eu-west-${r}"\n}\n` },
      { path: `envs/r${r}/terraform.tfvars`, content: `cidr = "10.${r}.0.0/16"\n` },
    );
  }
  for (let m = 0; m < 24; m++) {
    files.push({
      path: `modules/m${m}/main.tf`,
      content:
        m % 4 === 0
          ? `variable "cidr" {}\nmodule "nested" {\n  source = "../m${m + 3}"\n}\n`
          : `variable "cidr" {}\n# module ${m}\n`,
    });
    for (let f = 1; f < 10; f++) {
      files.push({
        path: `modules/m${m}/part${f}.tf`,
        content: `resource "aws_s3_bucket" "m${m}_${f}" {\n  bucket = "m${m}-${f}"\n}\n`,
      });
    }
    if (m < 6) files.push({ path: `modules/m${m}/README.md`, content: `# module ${m}\n` });
    else
      files.push({ path: `modules/m${m}/versions.tf`, content: `terraform {\n  required_version = ">= 1.${m}"\n}\n` });
  }
  files.push(
    { path: 'README.md', content: '# infra\n' },
    { path: '.gitignore', content: '.terraform/\n' },
    { path: '.github/workflows/plan.yml', content: 'on: pull_request\n' },
    {
      path: 'envs/r1/policies/admin.json',
      content: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}\n',
    },
    {
      path: 'envs/r1/policy.tf',
      content: 'resource "aws_iam_policy" "admin" {\n  policy = file("${path.module}/policies/admin.json")\n}\n',
    },
    { path: 'scripts/plan.sh', content: '#!/bin/sh\nterraform plan\n' },
  );
  return files;
}

/** The repository with one file edited: the scenario's changed file and the rest, unchanged. */
export function editOne(
  repository: RepositoryFile[],
  path: string,
  edit: (content: string) => string,
): { files: ScenarioFile[]; unchangedFiles: RepositoryFile[] } {
  const file = repository.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in the repository`);
  return {
    files: [{ path, status: 'modified', base: file.content, head: edit(file.content) }],
    unchangedFiles: repository.filter((f) => f !== file),
  };
}
