/**
 * A value worked out once per object and kept on the object itself, under a symbol only the
 * caller holds, not enumerable (JSON, Object.keys and spreads never see it): it lives exactly as
 * long as the object. Not a WeakMap, on purpose: measured on a 50 MB plan (bench/plan.js), a
 * WeakMap keyed by each change's short-lived bodies kept them alive through young-generation
 * collections, so they were copied and promoted by the hundred megabytes; classification took
 * twice the CPU time. An object that cannot take a property (frozen) falls back to a WeakMap.
 */
export function memoizedOn<K extends object, V>(key: MemoKey<K, V>, object: K, compute: (object: K) => V): V {
  const own = object as K & { [slot: symbol]: V | undefined };
  if (Object.hasOwn(own, key.slot)) return own[key.slot] as V;
  const fallback = key.fallback.get(object);
  if (fallback !== undefined) return fallback.value;
  const value = compute(object);
  if (Object.isExtensible(object))
    Object.defineProperty(object, key.slot, { value, enumerable: false, writable: false, configurable: false });
  else key.fallback.set(object, { value });
  return value;
}

/** Where one kind of memoized value is kept: make one per kind, once, at module level. */
export interface MemoKey<K extends object, V> {
  readonly slot: symbol;
  readonly fallback: WeakMap<K, { value: V }>;
}

export function memoKey<K extends object, V>(description: string): MemoKey<K, V> {
  return { slot: Symbol(description), fallback: new WeakMap() };
}
