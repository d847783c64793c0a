import type { GraphQLError } from 'graphql';
import { limitExceeded } from './limitExceeded';
import { REFUSED_INPUT_STATUS } from './argumentValuesRule';
import { CODES } from '../../schema/contracts/errorCodes';

/** The longer limit for the variables that feed a long-text position, found only when a string over `maxLength` asks for it. */
export interface LongTextVariables {
  maxLength: number;
  variables: () => ReadonlySet<string>;
}

/**
 * The first string in the request's variables longer than its variable may hold, as a
 * refusal; null when there is none. A variable holds at most `maxLength` characters, or
 * `longText.maxLength` when it feeds a long-text position (`longTextVariables`); which
 * position each string reaches, and so whether a string in such a variable is too long
 * where it is used, is `argumentValuesRule`'s to decide. A variable used nowhere feeds no
 * such position. Walks with a stack of its own: variables nested a hundred thousand deep
 * must not exhaust the call stack.
 */
export function longVariableString(variables: Readonly<Record<string, unknown>>, maxLength: number, longText?: LongTextVariables | null): GraphQLError | null {
  for (const [name, value] of Object.entries(variables)) {
    const pending: unknown[] = [value];
    let limit = maxLength;
    let longTextAsked = false;
    while (pending.length > 0) {
      const next = pending.pop();
      if (typeof next === 'string') {
        if (next.length > limit && longText && !longTextAsked) {
          longTextAsked = true;
          if (longText.variables().has(name)) limit = longText.maxLength;
        }
        if (next.length > limit) {
          return limitExceeded(
            CODES.BAD_USER_INPUT,
            `The variable $${name} holds a string of ${next.length} characters; at most ${limit} are accepted.`,
            limit,
            next.length,
            { variable: name },
            REFUSED_INPUT_STATUS,
          );
        }
      } else if (next !== null && typeof next === 'object') {
        for (const item of Object.values(next)) pending.push(item);
      }
    }
  }
  return null;
}
