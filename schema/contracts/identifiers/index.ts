/** Identifiers with a check character: contracts shared by the gateway and the departments. */
export { IDENTIFIER_CHECKS, type IdentifierCheck } from './identifierChecks';
export { formatResidentIdNumber, isValidResidentIdNumber, residentIdBirthDate, residentIdCheckCharacter, residentIdGender, type ResidentIdParts } from './residentIdNumber';
export { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, isValidCreditCode } from './unifiedSocialCreditCode';
