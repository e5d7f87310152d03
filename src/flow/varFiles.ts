import { isVariablesPath, isWorkflowPath, mayExportVariables } from '../terraform/configurationFiles.js';
import type { JsonValue } from '../terraform/json/ast.js';
import { LineIndex } from '../terraform/json/lineIndex.js';
import { parseJson } from '../terraform/json/parseJson.js';
import { isLfsPointer, lfsPointerDiagnostic } from '../terraform/lfsPointer.js';
import type { Diagnostic, Expression, ObjectItem, Range } from '../terraform/model.js';
import { baseName } from '../terraform/modulePaths.js';
import { parseHcl } from '../terraform/parser.js';
import { expressionText } from '../terraform/printer.js';
import type { SourceFile } from '../terraform/sourceTree.js';
import { readEnvironmentVarFile } from './environmentVars.js';
import { readWorkflowVarFile } from './workflowVars.js';

/** One `name = value` of a variable definitions file. */
export interface VarAssignment {
  name: string;
  expr: Expression;
  /** canonical text of the value */
  text: string;
  file: string;
  line: number;
}

export interface VarFile {
  path: string;
  /** Terraform loads it by itself (terraform.tfvars, *.auto.tfvars); others need `-var-file` */
  autoLoaded: boolean;
  /** it sets variables of whichever root runs with it wherever it lies (a workflow's or an environment file's `TF_VAR_`s), not of the root it is under */
  anyRoot?: true;
  assignments: VarAssignment[];
  diagnostics: Diagnostic[];
}

export function isVarFilePath(path: string): boolean {
  return isVariablesPath(path);
}

/** What Terraform reads without being asked: `terraform.tfvars(.json)` and `*.auto.tfvars(.json)`. */
function isAutoLoadedVarFile(path: string): boolean {
  const name = baseName(path);
  return (
    name === 'terraform.tfvars' ||
    name === 'terraform.tfvars.json' ||
    name.endsWith('.auto.tfvars') ||
    name.endsWith('.auto.tfvars.json')
  );
}

/** A variable definitions file: HCL assignments, or a JSON object of values. */
export function readVarFile(file: SourceFile): VarFile {
  if (isWorkflowPath(file.path)) return readWorkflowVarFile(file);
  if (mayExportVariables(file.path)) return readEnvironmentVarFile(file);
  const autoLoaded = isAutoLoadedVarFile(file.path);
  if (isLfsPointer(file.content))
    return { path: file.path, autoLoaded, assignments: [], diagnostics: [lfsPointerDiagnostic()] };
  if (file.path.endsWith('.json')) return { path: file.path, autoLoaded, ...readJsonVarFile(file) };
  const parsed = parseHcl(file.content, file.path);
  const diagnostics = [...parsed.diagnostics];
  for (const block of parsed.blocks) {
    diagnostics.push({
      severity: 'error',
      message: `a variable definitions file holds only "name = value" lines; found a "${block.type}" block`,
      range: block.typeRange,
    });
  }
  const assignments = parsed.attributes.map((attribute) => ({
    name: attribute.name,
    expr: attribute.expr,
    text: attribute.text,
    file: file.path,
    line: attribute.range.start.line,
  }));
  return { path: file.path, autoLoaded, assignments, diagnostics };
}

function readJsonVarFile(file: SourceFile): Pick<VarFile, 'assignments' | 'diagnostics'> {
  const lines = new LineIndex(file.content);
  const document = parseJson(file.content, lines);
  const diagnostics = [...document.diagnostics];
  const root = document.root;
  if (root === null || root.kind !== 'object') {
    if (root !== null)
      diagnostics.push({
        severity: 'error',
        message: 'a JSON variable definitions file must be one object of variable values',
        range: lines.range(root.start, root.end),
      });
    return { assignments: [], diagnostics };
  }
  const assignments = root.members.map((member) => {
    const expr = jsonExpression(member.value, lines);
    return {
      name: member.key.value,
      expr,
      text: expressionText(expr),
      file: file.path,
      line: lines.positionAt(member.key.start).line,
    };
  });
  return { assignments, diagnostics };
}

/** JSON values are literal values: no templates or references are read in a var file. */
function jsonExpression(value: JsonValue, lines: LineIndex): Expression {
  const range: Range = lines.range(value.start, value.end);
  switch (value.kind) {
    case 'object': {
      const items: ObjectItem[] = value.members.map((member) => ({
        key: { kind: 'literal', value: member.key.value, range: lines.range(member.key.start, member.key.end) },
        value: jsonExpression(member.value, lines),
      }));
      return { kind: 'object', items, range };
    }
    case 'array':
      return { kind: 'tuple', items: value.items.map((item) => jsonExpression(item, lines)), range };
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'literal', value: value.value, range };
    case 'null':
      return { kind: 'literal', value: null, range };
    case 'invalid':
      return { kind: 'invalid', range };
  }
}
