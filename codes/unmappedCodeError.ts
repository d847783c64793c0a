import type { GraphQLError } from 'graphql';
import { CODES, requestError } from '../schema/contracts/errorCodes';
import { maskPersonalText } from '../schema/contracts/logger/maskPersonalText';
import { legacyText } from './mapLegacyValue';

/** A code is short; a longer value is not shown whole (it is more likely a misdeclared column than a code). */
const SHOWN_VALUE_LENGTH = 32;

export interface UnmappedCode {
  /** The department whose source holds the value. */
  department: string;
  /** The field's coordinate, e.g. `MaritalStatus.status`. */
  field: string;
  /** The legacy value the mapping does not name. */
  value: unknown;
}

/**
 * The error of a standard-coded field whose source value maps to no code (the field answers
 * null): UNMAPPED_CODE naming the department, the field and the value, so that whoever keeps
 * the declaration can add the mapping. It carries the legacy value alone, never the record or
 * its key; the value is masked as logs mask text (an ID or phone number in a misdeclared
 * column) and cut short.
 */
export function unmappedCodeError({ department, field, value }: UnmappedCode): GraphQLError {
  const text = legacyText(value) ?? String(value);
  const masked = maskPersonalText(text);
  const shown = masked.length > SHOWN_VALUE_LENGTH ? `${masked.slice(0, SHOWN_VALUE_LENGTH)}…` : masked;
  return requestError(CODES.UNMAPPED_CODE, `${department}: ${field} holds '${shown}', which its declaration maps to no standard code`, { department, field, value: shown });
}
