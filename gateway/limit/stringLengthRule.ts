import type { ValidationContext, ValidationRule } from 'graphql';
import { limitExceeded } from './limitExceeded';

/** Refused strings are still a request problem (BAD_USER_INPUT), answered with 400 before any work. */
export const REFUSED_INPUT_STATUS = 400;

/**
 * No string in the document (an argument, a default value) is longer than `maxLength`.
 * Reports the first one only: a refusal needs one reason, and more would cost more.
 */
export function stringLengthRule(maxLength: number): ValidationRule {
  return (context: ValidationContext) => {
    let reported = false;
    return {
      StringValue(node) {
        if (reported || node.value.length <= maxLength) return;
        reported = true;
        context.reportError(
          limitExceeded('BAD_USER_INPUT', `A string argument has ${node.value.length} characters; at most ${maxLength} are accepted.`, maxLength, node.value.length, {}, REFUSED_INPUT_STATUS),
        );
      },
    };
  };
}
