/** Capital letters, digits and `_`, starting with a letter: what an error code looks like, and nothing longer than 64. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Six digits in a row could be part of an ID number or a phone number: not a code. */
const DIGIT_RUN = /\d{6}/;

/**
 * The code a department sent, if it may reach a client as it is. A department not built on
 * the kit has codes of its own, outside the registry; they pass only when they are plainly
 * codes, since the department is not trusted to keep personal data out of them.
 */
export function wellFormedCode(code: unknown): string | undefined {
  return typeof code === 'string' && CODE.test(code) && !DIGIT_RUN.test(code) ? code : undefined;
}
