import { suggest, UNSPECIFIED_SUB, type PolicySet, type Reader } from '../../../policies';
import { CODES, requestError } from '../../kit';

/** `Query.explainAccess`'s reader: what their token would carry. */
export interface ReaderInput {
  roles: string[];
  dept?: string | null;
  clearance: number;
  sub?: string | null;
}

/** As the gateway accepts `X-Case-Id`. */
const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_SUB = 128;

function known(kind: string, name: string, names: readonly string[], argument: string): string {
  if (names.includes(name)) return name;
  throw requestError(CODES.BAD_USER_INPUT, `Unknown ${kind} "${name}"${suggest(name, [...names])}; the vocabulary declares: ${names.join(', ')}.`, { argument });
}

/**
 * The reader an officer describes, checked as `policy explain --as` and `--purpose` check
 * theirs: roles and department named in the vocabulary (a misspelt role would match nothing,
 * silently), clearance 1–4, a declared purpose (blank: none) and a case id as the gateway
 * accepts `X-Case-Id`. BAD_USER_INPUT naming the argument otherwise.
 */
export function describedReader(input: ReaderInput, purposeText: string | null | undefined, caseIdText: string | null | undefined, policies: PolicySet): Reader {
  const roles = [...new Set(input.roles.map((role) => role.trim()).filter(Boolean))].map((role) => known('role', role, policies.roles, 'reader.roles'));
  const deptText = input.dept?.trim();
  const dept = deptText ? known('department', deptText, policies.departments ?? [], 'reader.dept') : null;
  if (!Number.isInteger(input.clearance) || input.clearance < 1 || input.clearance > 4) {
    throw requestError(CODES.BAD_USER_INPUT, `Clearance is 1, 2, 3 or 4, not ${input.clearance}.`, { argument: 'reader.clearance' });
  }
  const sub = input.sub?.trim() || UNSPECIFIED_SUB;
  if (sub.length > MAX_SUB) throw requestError(CODES.BAD_USER_INPUT, `A subject has at most ${MAX_SUB} characters.`, { argument: 'reader.sub' });
  const purpose = purposeText?.trim() || null;
  if (purpose !== null && !policies.purposes.includes(purpose)) {
    throw requestError(
      CODES.BAD_USER_INPUT,
      `Unknown purpose "${purpose}"${suggest(purpose, [...policies.purposes])}; the declared purposes are: ${policies.purposes.join(', ')}.`,
      {
        argument: 'purpose',
      },
    );
  }
  const caseId = caseIdText?.trim() || null;
  if (caseId !== null && !CASE_ID.test(caseId)) {
    throw requestError(CODES.BAD_USER_INPUT, 'A case id is 1 to 128 letters, digits, dots, colons, underscores or hyphens, starting with a letter or digit.', {
      argument: 'caseId',
    });
  }
  return { identity: { sub, roles, dept, clearance: input.clearance }, purpose, caseId };
}
