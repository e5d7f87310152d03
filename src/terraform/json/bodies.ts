import { makeAttribute } from '../attribute.js';
import type { Block, Body, Diagnostic, Range } from '../model.js';
import { describeJsonValue, type JsonMember, type JsonObject, type JsonString, type JsonValue } from './ast.js';
import { ExpressionReader } from './expressions.js';
import type { LineIndex } from './lineIndex.js';
import { COMMENT_KEY } from './parseJson.js';
import { type BlockSpec, type BodySpec, isMapTypedArgument, own } from './schema.js';

/** A block on its way down the label levels. */
interface BlockHeader {
  type: string;
  typeKey: JsonString;
  spec: BlockSpec;
  labels: string[];
  labelKeys: JsonString[];
  /** the resource type (or provider name) whose provider schema the body follows */
  context: string;
}

/**
 * Reads JSON block bodies as Terraform does
 * (https://developer.hashicorp.com/terraform/language/syntax/json): each level of labels is one
 * level of object nesting (or an array of such objects, to keep order), then one more object
 * is the body, or an array of objects for several blocks. `"//"` properties of bodies are
 * comments. A wrong shape is an error diagnostic that says what Terraform expects there.
 */
export class BodyReader {
  private readonly expressions: ExpressionReader;

  constructor(
    private readonly lines: LineIndex,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.expressions = new ExpressionReader(lines, diagnostics);
  }

  readBody(object: JsonObject, spec: BodySpec, context: string): Body {
    const body: Body = { attributes: [], blocks: [] };
    for (const member of object.members) {
      const name = member.key.value;
      if (name === COMMENT_KEY) continue;
      const blockSpec = own(spec.blocks, name) ?? this.guessedBlock(member, spec, context);
      if (blockSpec) {
        this.readBlocks(
          { type: name, typeKey: member.key, spec: blockSpec, labels: [], labelKeys: [], context },
          member.value,
          member.key,
          body.blocks,
        );
        continue;
      }
      const expr = this.expressions.read(member.value, own(spec.modes, name) ?? spec.defaultMode);
      body.attributes.push(
        makeAttribute(name, this.range(member.key), expr, this.lines.range(member.key.start, member.value.end)),
      );
    }
    return body;
  }

  /** Unpacks one property naming a block type into its blocks, appending them to `out`. */
  readBlocks(header: BlockHeader, value: JsonValue, key: JsonString, out: Block[]): void {
    const labelIndex = header.labels.length;
    if (labelIndex < header.spec.labels.length) {
      this.readLabelLevel(header, value, out);
      return;
    }
    if (value.kind === 'null') return; // Terraform reads a null body as no block
    if (value.kind === 'object') {
      out.push(this.makeBlock(header, value, key.start));
      return;
    }
    if (value.kind === 'array') {
      for (const item of value.items) {
        if (item.kind === 'object') out.push(this.makeBlock(header, item, item.start));
        else
          this.error(
            `${this.describeHeader(header)} expects an object here (the body of one block), found ${describeJsonValue(item)}`,
            item,
          );
      }
      return;
    }
    this.error(
      `${this.describeHeader(header)} expects an object (the block body), or an array of objects for several blocks, found ${describeJsonValue(value)}`,
      value,
    );
  }

  private readLabelLevel(header: BlockHeader, value: JsonValue, out: Block[]): void {
    const labelName = header.spec.labels[header.labels.length] as string;
    const expected = `${this.describeHeader(header)} expects an object whose property names are ${labelName}s`;
    const members: JsonMember[] = [];
    let reported = value.kind === 'invalid'; // the JSON parser has reported it already
    if (value.kind === 'object') {
      members.push(...value.members);
    } else if (value.kind === 'array') {
      for (const item of value.items) {
        if (item.kind === 'object') {
          members.push(...item.members);
        } else {
          this.error(`${expected} (or an array of such objects), found ${describeJsonValue(item)} in the array`, item);
          reported = true;
        }
      }
    } else if (!reported) {
      this.error(`${expected}, found ${describeJsonValue(value)}`, value);
      return;
    }
    if (members.length === 0 && !reported) {
      this.error(`${expected}, found an empty ${value.kind}`, value);
      return;
    }
    for (const member of members) {
      const labels = [...header.labels, member.key.value];
      const labelKeys = [...header.labelKeys, member.key];
      // The first label of a resource or data source is its type: the provider schema to follow.
      const context = header.labels.length === 0 && header.spec.labels.length === 2 ? member.key.value : header.context;
      this.readBlocks({ ...header, labels, labelKeys, context }, member.value, member.key, out);
    }
  }

  private makeBlock(header: BlockHeader, object: JsonObject, start: number): Block {
    const context =
      header.spec.labels.length === 1 && header.type === 'provider' ? (header.labels[0] as string) : header.context;
    const body = this.readBody(object, header.spec.body, context);
    return {
      type: header.type,
      labels: [...header.labels],
      range: this.lines.range(start, object.end),
      typeRange: this.range(header.typeKey),
      labelRanges: header.labelKeys.map((key) => this.range(key)),
      attributes: body.attributes,
      blocks: body.blocks,
    };
  }

  /** The schema-less rule of provider-defined bodies; see `BodySpec.guessesBlocks`. */
  private guessedBlock(member: JsonMember, spec: BodySpec, context: string): BlockSpec | undefined {
    if (!spec.guessesBlocks || !spec.nested) return undefined;
    const name = member.key.value;
    if (own(spec.modes, name) !== undefined || isMapTypedArgument(name, context)) return undefined;
    const value = member.value;
    const blockShaped =
      value.kind === 'object' ||
      (value.kind === 'array' && value.items.length > 0 && value.items.every((item) => item.kind === 'object'));
    return blockShaped ? { labels: [], body: spec.nested } : undefined;
  }

  private describeHeader(header: BlockHeader): string {
    return [header.type, ...header.labels].map((part) => JSON.stringify(part)).join(' ');
  }

  private range(value: { start: number; end: number }): Range {
    return this.lines.range(value.start, value.end);
  }

  private error(message: string, at: { start: number; end: number }): void {
    this.diagnostics.push({ severity: 'error', message, range: this.range(at) });
  }
}
