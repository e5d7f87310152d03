import type { BlockOutline } from './inventory.js';
import type { Attribute, Block, Body, Range } from './model.js';
import { parseTopLevelBody } from './parser.js';

/**
 * A top-level block of an understood file whose body is kept as its place in the source until a
 * stage reads it (`attributes` or `blocks`): then it is parsed again — the same attributes and
 * nested blocks, positions included — and kept. Syntax trees take about fifteen times their
 * source in memory, and most blocks of a large tree are only ever listed, never compared or
 * resolved: a change set reads the bodies of the modules a change reaches, not the others.
 *
 * What the inventory lists of the block (its address, `count`/`for_each`, a module's source and
 * version) is read when it is made, so listing it never parses it again. Its own enumerable
 * properties are the block's type, labels and ranges; `attributes` and `blocks` are getters.
 */
export class LazyBlock implements Block {
  readonly type: string;
  readonly labels: string[];
  readonly range: Range;
  readonly typeRange: Range;
  readonly labelRanges: Range[];
  readonly #outline: readonly BlockOutline[];
  readonly #source: string;
  readonly #path: string;
  #body: Body | null = null;

  constructor(block: Block, outline: readonly BlockOutline[], source: string, path: string) {
    this.type = block.type;
    this.labels = block.labels;
    this.range = block.range;
    this.typeRange = block.typeRange;
    this.labelRanges = block.labelRanges;
    this.#outline = outline;
    this.#source = source;
    this.#path = path;
  }

  get attributes(): Attribute[] {
    return this.body().attributes;
  }

  get blocks(): Block[] {
    return this.body().blocks;
  }

  /** The inventory's entries for this block, without the block (see inventory.ts). */
  get outline(): readonly BlockOutline[] {
    return this.#outline;
  }

  /** Whether its body has been read (and is now held). */
  get materialized(): boolean {
    return this.#body !== null;
  }

  private body(): Body {
    if (this.#body === null) {
      const afterLabels = (this.labelRanges[this.labelRanges.length - 1] ?? this.typeRange).end;
      this.#body = parseTopLevelBody(this.#source, this.type, afterLabels, this.#path);
    }
    return this.#body;
  }
}
