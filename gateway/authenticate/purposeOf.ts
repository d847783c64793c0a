import type { GraphQLError } from 'graphql';
import { httpRequestError } from '../request';
import { CODES } from '../../schema/contracts/errorCodes';

export const PURPOSE_HEADER = 'x-purpose';

/**
 * The declared purpose of use (`X-Purpose`): null when none is declared, else one of the
 * purposes the policies declare. Any other value refuses the request (BAD_USER_INPUT,
 * HTTP 400) naming the allowed ones: a typo must not silently read as "no purpose".
 */
export function purposeOf(header: string | undefined, purposes: readonly string[]): string | null {
  const purpose = header?.trim();
  if (!purpose) return null;
  if (purposes.includes(purpose)) return purpose;
  throw unknownPurpose(purposes);
}

function unknownPurpose(purposes: readonly string[]): GraphQLError {
  const allowed = purposes.length ? purposes.join(', ') : '(none: the policies declare no purpose, so send no X-Purpose header)';
  return httpRequestError(
    CODES.BAD_USER_INPUT,
    `X-Purpose is not a declared purpose of use; allowed: ${allowed}`,
    { header: 'X-Purpose', allowed: [...purposes] },
    { status: 400 },
  );
}
