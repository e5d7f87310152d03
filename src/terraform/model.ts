/**
 * The syntax model every later stage reads. It is the same for native HCL (`.tf`) and
 * Terraform's JSON syntax (`.tf.json`), plain data (JSON-serialisable), and carries a source
 * range on every node so findings can point at file:line.
 */

/** 1-based line and column (UTF-16 code units, as editors and GitHub annotations count), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  range: Range;
}

/** A JSON value: what a literal expression evaluates to without any variables or functions. */
export type LiteralValue = null | boolean | number | string | LiteralValue[] | { [key: string]: LiteralValue };

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

type UnaryOperator = '!' | '-';

/** One piece of a template: literal text, an interpolation `${…}`, or a directive `%{if}`/`%{for}`. */
export type TemplatePart =
  | { kind: 'text'; value: string }
  | { kind: 'interpolation'; expr: Expression; stripLeft: boolean; stripRight: boolean }
  | {
      kind: 'if';
      cond: Expression;
      then: TemplatePart[];
      else: TemplatePart[] | null;
    }
  | {
      kind: 'for';
      keyVar: string | null;
      valueVar: string;
      collection: Expression;
      body: TemplatePart[];
    };

export interface ObjectItem {
  key: Expression;
  value: Expression;
}

export type Expression =
  /**
   * number, bool, null, or a string without interpolations or directives. `raw` keeps a number's
   * source digits when a double cannot hold them exactly (HCL numbers are arbitrary-precision).
   */
  | { kind: 'literal'; value: null | boolean | number | string; range: Range; raw?: string }
  | { kind: 'template'; parts: TemplatePart[]; heredoc: boolean; range: Range }
  /** a bare name: the root of a traversal (`var`, `aws_iam_role`, `each`, a for variable) */
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'getAttr'; target: Expression; name: string; range: Range }
  /** `target[key]`, or the legacy `target.0` when `legacy` is true */
  | { kind: 'index'; target: Expression; key: Expression; legacy: boolean; range: Range }
  /** `source[*].each` or `source.*.each`; inside `each`, the element is a `splatItem` */
  | { kind: 'splat'; source: Expression; each: Expression; full: boolean; range: Range }
  | { kind: 'splatItem'; range: Range }
  | { kind: 'call'; name: string; args: Expression[]; expandFinal: boolean; range: Range }
  | { kind: 'tuple'; items: Expression[]; range: Range }
  | { kind: 'object'; items: ObjectItem[]; range: Range }
  | { kind: 'unary'; op: UnaryOperator; operand: Expression; range: Range }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression; range: Range }
  | { kind: 'conditional'; cond: Expression; then: Expression; else: Expression; range: Range }
  | {
      kind: 'for';
      keyVar: string | null;
      valueVar: string;
      collection: Expression;
      /** present for object `for` expressions (`{for k, v in x : k => v}`) */
      key: Expression | null;
      value: Expression;
      cond: Expression | null;
      /** the grouping `...` after the value of an object `for` */
      group: boolean;
      range: Range;
    }
  | { kind: 'parens'; inner: Expression; range: Range }
  /** what a syntax error left behind; its file always has an error diagnostic */
  | { kind: 'invalid'; range: Range };

export interface Attribute {
  name: string;
  /** from the start of the name to the end of the expression */
  range: Range;
  nameRange: Range;
  expr: Expression;
  /** the expression in canonical form: whitespace, comments, newlines and quoting style do not matter */
  text: string;
  /** present when the expression is a literal (including tuples and objects of literals) */
  value?: LiteralValue;
}

export interface Block {
  type: string;
  labels: string[];
  /** from the type to the closing brace */
  range: Range;
  typeRange: Range;
  labelRanges: Range[];
  attributes: Attribute[];
  blocks: Block[];
}

/** The attributes and nested blocks of a file or block: what two revisions of an object are compared on. */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

type Syntax = 'hcl' | 'json';

export interface ParsedFile {
  path: string;
  syntax: Syntax;
  /** top-level attributes: none in valid Terraform configuration, but `.tfvars` have them */
  attributes: Attribute[];
  blocks: Block[];
  diagnostics: Diagnostic[];
}

/** A file is understood when it has no error diagnostic; anything else is treated as critical later. */
export function isUnderstood(file: ParsedFile): boolean {
  return !file.diagnostics.some((d) => d.severity === 'error');
}
