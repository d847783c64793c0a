import { maskPersonalText } from '../logger/maskPersonalText';

/** More distinct names than the label keeps, a name too long, or one carrying personal data. */
export const OTHER_OPERATION = '(other)';
/** An operation without a name (`{ … }`, `query { … }`). */
export const ANONYMOUS_OPERATION = '(anonymous)';
/** No operation was resolved: refused before it (a token, a rate limit, a parse error). */
export const UNRESOLVED_OPERATION = '(unresolved)';

const MAX_NAME_LENGTH = 64;
/** Long runs of digits are identifiers (an ID number, a phone number, a case number), never kept. */
const DIGIT_RUN = /\d{6,}/;

/** Whether a client's operation name may be shown (a label, a span attribute): short, and nothing in it shaped like personal data or an identifier. */
export function isShowableOperationName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && !DIGIT_RUN.test(name) && maskPersonalText(name) === name;
}

/**
 * The `operation` label for a resolved operation's name. Clients choose names, so the label
 * is bounded: the first `max` distinct names are kept, every later one is `(other)`; a name
 * longer than 64 characters, or that holds something shaped like personal data, is always
 * `(other)`. (Parentheses cannot occur in a GraphQL name, so no operation is mistaken for these.)
 */
export function operationLabel(max: number): (name: string | null | undefined) => string {
  const kept = new Set<string>();
  return (name) => {
    if (!name) return ANONYMOUS_OPERATION;
    if (kept.has(name)) return name;
    if (kept.size >= max || !isShowableOperationName(name)) return OTHER_OPERATION;
    kept.add(name);
    return name;
  };
}
