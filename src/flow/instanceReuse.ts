import type { Expression } from '../terraform/model.js';
import { compactText } from './compactText.js';
import type { Instance, SideScope } from './instances.js';

/**
 * Module instances already collected for another var-file context of the same root. A module
 * call whose inputs resolve the same under two var files instantiates the same objects with the
 * same values: they are resolved once, and the changes they make are reported once (see
 * followValues' dropRepeatedContexts). Kept by directory, call path and input names at both
 * sides; the inputs' values are compared one by one, resolved only when asked, and printed only
 * when they are not one shared value: a framework module's helper is given maps of everything,
 * and a var file that changes the first input need not have the others printed.
 */
export class InstanceReuse {
  private readonly byCall = new Map<string, ReusableCall[]>();
  private keeping = true;

  /**
   * Keeps nothing from now on: the auto-loaded context's instances are those the others reuse
   * (a var file sets a few variables of many); each var file's own are seldom another's, and a
   * root with many var files would hold all of them at once.
   */
  stopKeeping(): void {
    this.keeping = false;
  }

  /** The instances of an earlier context whose call resolves alike, or undefined; null when the pair is a root. */
  find(base: SideScope | null, head: SideScope | null): { call: ReusableCall; known?: Collected } | null {
    const call = ReusableCall.of(base, head);
    if (call === null) return null;
    const known = this.byCall.get(call.key)?.find((earlier) => earlier.sameInputs(call));
    return known ? { call, known: known.collected! } : { call };
  }

  /** Remembers what the call collected, for the contexts after this one. */
  keep(call: ReusableCall, collected: Collected): void {
    if (!this.keeping) return;
    call.collected = collected;
    const calls = this.byCall.get(call.key);
    if (calls) calls.push(call);
    else this.byCall.set(call.key, [call]);
  }
}

export interface Collected {
  base: Instance[];
  head: Instance[];
}

/** One module instance at both sides (one may be absent), its inputs resolved when asked. */
class ReusableCall {
  collected?: Collected;
  private readonly values: (Expression | undefined)[] = [];

  private constructor(
    readonly key: string,
    private readonly inputs: { side: SideScope; name: string }[],
  ) {}

  static of(base: SideScope | null, head: SideScope | null): ReusableCall | null {
    const parts: string[] = [];
    const inputs: { side: SideScope; name: string }[] = [];
    for (const side of [base, head]) {
      if (!side) {
        parts.push('-');
        continue;
      }
      const { scope } = side;
      // A root, or a Terragrunt deployment's module, takes its context's var files: never another context's.
      if (!scope.inputs || scope.deploymentRoot) return null;
      parts.push(scope.dir, scope.callPath);
      for (const name of scope.inputs.keys()) {
        parts.push(name);
        inputs.push({ side, name });
      }
      parts.push('\u0001');
    }
    return new ReusableCall(parts.join('\u0000'), inputs);
  }

  sameInputs(other: ReusableCall): boolean {
    for (let i = 0; i < this.inputs.length; i++) {
      const mine = this.value(i);
      const theirs = other.value(i);
      if (mine !== theirs && compactText(mine) !== compactText(theirs)) return false;
    }
    return true;
  }

  private value(i: number): Expression {
    let value = this.values[i];
    if (value === undefined) {
      const { side, name } = this.inputs[i]!;
      value = side.resolver.resolveInput(side.scope.inputs!.get(name)!, side.scope.eachKey).expr;
      this.values[i] = value;
    }
    return value;
  }
}
