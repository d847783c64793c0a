import { httpRequestError } from '../request';
import { CODES } from '../../schema/contracts/errorCodes';

export const CASE_ID_HEADER = 'x-case-id';

/** Case ids are identifiers, not free text: they travel in signed tokens and audit records. */
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The service case a request is bound to (`X-Case-Id`), or null when none is named. */
export function caseIdOf(header: string | undefined): string | null {
  const caseId = header?.trim();
  if (!caseId) return null;
  if (CASE_ID.test(caseId)) return caseId;
  throw httpRequestError(CODES.BAD_USER_INPUT, 'X-Case-Id must be an identifier: letters, digits and . _ : - (at most 128 characters)', { header: 'X-Case-Id' }, { status: 400 });
}
