import type { LimitsConfig } from '../config';

/** How long a string argument or input field may be, by where it is given. */
export interface StringLimits {
  /** Every string outside the long-text positions. */
  maxLength: number;
  /** The positions declared to take long text (`limits.longTextArguments`), and how long; null when none is. */
  longText: { at: ReadonlySet<string>; maxLength: number } | null;
}

const derived = new WeakMap<LimitsConfig, StringLimits>();

/**
 * The string limits a configuration sets, derived once per configuration. A long-text limit
 * below the normal one would make the declared positions stricter than any other: the
 * larger of the two holds there.
 */
export function stringLimitsOf(limits: LimitsConfig): StringLimits {
  let strings = derived.get(limits);
  if (!strings) {
    const { maxStringLength, maxLongTextLength, longTextArguments } = limits;
    strings = {
      maxLength: maxStringLength,
      longText: longTextArguments.length > 0 ? { at: new Set(longTextArguments), maxLength: Math.max(maxLongTextLength, maxStringLength) } : null,
    };
    derived.set(limits, strings);
  }
  return strings;
}
