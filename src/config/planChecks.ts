import type { PolicyDocument } from '../contracts/policyDocument.generated.js';
import { planFileName } from '../plan/planFileName.js';
import type { YamlPath } from './yamlSource.js';

type Fail = (path: YamlPath, message: string) => void;

/** GitHub Actions runs only the files directly in `.github/workflows/` that end in `.yml` or `.yaml`. */
const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** `plans:` beyond its schema: a workflow GitHub would run, roots that are directories, no two roots sharing a plan file. */
export function checkPlans(raw: PolicyDocument, fail: Fail): void {
  const plans = raw.plans;
  if (!plans) return;
  if (!WORKFLOW_PATH.test(plans.workflow))
    fail(
      ['plans', 'workflow'],
      `"${plans.workflow}" is not a workflow GitHub Actions runs: name a file directly under .github/workflows/ ending in .yml or .yaml`,
    );
  const byFile = new Map<string, number>();
  (plans.roots ?? []).forEach((root, i) => {
    const problem = rootPathProblem(root.path);
    if (problem) {
      fail(['plans', 'roots', i, 'path'], `"${root.path}" ${problem}`);
      return;
    }
    const file = planFileName(root.path);
    const first = byFile.get(file);
    if (first === undefined) byFile.set(file, i);
    else
      fail(
        ['plans', 'roots', i, 'path'],
        `"${root.path}" has the same plan file (${file}) as plans.roots[${first}]; list each root once`,
      );
  });
}

function rootPathProblem(path: string): string | null {
  if (path === '.') return null;
  if (path.startsWith('/') || path.endsWith('/'))
    return 'must be a directory relative to the repository\'s top, without a leading or trailing "/" (`stacks/prod`)';
  if (path.includes('\\')) return 'must separate directories with "/"';
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))
    return 'must name a directory inside the repository: no empty, "." or ".." parts (`.` alone is the top)';
  return null;
}
