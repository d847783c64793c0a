import { isValidResidentIdNumber } from './residentIdNumber';
import { isValidCreditCode } from './unifiedSocialCreditCode';

export interface IdentifierCheck {
  /** What the identifier is, for error messages. */
  readonly kind: string;
  readonly isValid: (value: string) => boolean;
}

/**
 * The identifiers with a check character, by the name of the entity key field that holds
 * them everywhere in the graph (`Person.idNumber`, `Enterprise.creditCode`). The gateway
 * refuses a malformed one in an argument before any department is asked.
 */
export const IDENTIFIER_CHECKS: Readonly<Record<string, IdentifierCheck>> = {
  idNumber: { kind: 'resident ID number (GB 11643)', isValid: isValidResidentIdNumber },
  creditCode: { kind: 'unified social credit code (GB 32100)', isValid: isValidCreditCode },
};
