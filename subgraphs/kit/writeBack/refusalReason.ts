import { maskPersonalText } from '../../../schema/contracts/logger/maskPersonalText';

const MAX_REASON_LENGTH = 300;

/**
 * A refusal's reason as it is stored and sent back: one line, ID numbers and phone numbers
 * masked should an action or a policy have let one through, at most 300 characters.
 */
export function refusalReason(reason: string): string {
  const line = maskPersonalText(reason.replace(/\s+/g, ' ').trim()) || 'refused without a reason';
  return line.length <= MAX_REASON_LENGTH ? line : `${line.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A name from an event (an action, a type) as a reason may quote it: itself when it is a plain name, else nothing of it. */
export function quotedName(name: string, otherwise: string): string {
  return NAME.test(name) ? name : otherwise;
}
