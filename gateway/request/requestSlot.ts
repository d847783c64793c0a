/**
 * Per-request state one stage hands to a later one, kept beside the request rather than in
 * it: the stage that owns the slot writes it once (`set`), later stages read it (`get`).
 * Keyed by the request's context object, so it goes when the request does.
 */
export interface RequestSlot<T> {
  readonly name: string;
  set(context: object, value: T): void;
  get(context: object): T | undefined;
}

export function createRequestSlot<T>(name: string): RequestSlot<T> {
  const values = new WeakMap<object, T>();
  return {
    name,
    set(context, value) {
      if (values.has(context)) throw new Error(`The request slot '${name}' is written once per request; it was written again`);
      values.set(context, value);
    },
    get: (context) => values.get(context),
  };
}
