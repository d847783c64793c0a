/**
 * The shape of an 18-character resident ID number (GB 11643): region, a birth date from 1800
 * on, sequence, check character (not verified: a mistyped ID number is still personal data).
 * The date parts keep other long digit runs (timestamps, counters) from matching. A source to
 * build a RegExp from: the log scrubber looks for it inside text, the audit ledger matches
 * whole values.
 */
export const RESIDENT_ID_NUMBER_PATTERN = String.raw`\d{6}(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]`;
