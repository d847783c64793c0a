import type { GraphQLError } from 'graphql';
import { limitExceeded } from './limitExceeded';
import { REFUSED_INPUT_STATUS } from './argumentValuesRule';
import { CODES } from '../../schema/contracts/errorCodes';

/**
 * The first string in the request's variables longer than `maxLength`, as a refusal; null
 * when there is none. Walks with a stack of its own: variables nested a hundred thousand
 * deep must not exhaust the call stack.
 */
export function longVariableString(variables: Readonly<Record<string, unknown>>, maxLength: number): GraphQLError | null {
  for (const [name, value] of Object.entries(variables)) {
    const pending: unknown[] = [value];
    while (pending.length > 0) {
      const next = pending.pop();
      if (typeof next === 'string') {
        if (next.length > maxLength) {
          return limitExceeded(
            CODES.BAD_USER_INPUT,
            `The variable $${name} holds a string of ${next.length} characters; at most ${maxLength} are accepted.`,
            maxLength,
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
