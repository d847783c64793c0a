import type { GraphQLError } from 'graphql';
import { httpRequestError } from '../request';
import { CODES } from '../../schema/contracts/errorCodes';
import { TOKEN_REJECTION_MESSAGES, type TokenRejection } from '../../schema/contracts/TokenRejection';

/** The 401 for a refused token: UNAUTHENTICATED with the reason, and nothing of the token. */
export function unauthenticated(reason: TokenRejection): GraphQLError {
  return httpRequestError(CODES.UNAUTHENTICATED, TOKEN_REJECTION_MESSAGES[reason], { reason }, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
}

/** Thrown by an authenticator; `reason` is safe to return and log. */
export class TokenRejected extends Error {
  constructor(readonly reason: TokenRejection) {
    super(TOKEN_REJECTION_MESSAGES[reason]);
  }
}
