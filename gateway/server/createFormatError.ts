import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { CODES, ERROR_CODES } from '../../schema/contracts/errorCodes';
import { maskPersonalText } from '../../schema/contracts/logger/maskPersonalText';
import { scrubLogValue } from '../../schema/contracts/logger/scrubLogValue';
import { internalError } from '../../schema/contracts/service';
import { wellFormedCode } from './wellFormedCode';

/** Extensions that describe the inside of the system: subgraph stack traces, internal URLs, raw responses. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response', 'serviceName'];

export interface FormatErrorOptions {
  devErrors: boolean;
  /** Production mode: the message of a department's error whose code is not registered is withheld. */
  production?: boolean;
  log: Logger;
}

/**
 * What a client may see of an error:
 * - a registered code (from the gateway, or passed through from a department) keeps its
 *   code, message and extensions;
 * - a department's error keeps its own code, if it is a well-formed one (`wellFormedCode`):
 *   a department of another stack has codes outside the registry, and @apollo/gateway gives
 *   one that sent none DOWNSTREAM_SERVICE_ERROR. It carries only its code and department,
 *   and its message in development alone;
 * - anything else becomes a generic INTERNAL_SERVER_ERROR, with details only in the log.
 * A department's error names it in `extensions.department` (a registered one may name the
 * department it is about instead), and its message and extensions pass with ID numbers and
 * phone numbers masked and tokens removed. `devErrors` returns everything, for development only.
 */
export function createFormatError({ devErrors, production = false, log }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isUncodedRequestError(error)) return { message: formatted.message, extensions: { code: CODES.BAD_REQUEST } };
    const code = formatted.extensions?.code;
    const department = departmentOf(formatted);
    if (typeof code === 'string' && code !== CODES.INTERNAL_SERVER_ERROR && Object.hasOwn(ERROR_CODES, code)) {
      if (devErrors) return withDepartment(formatted, department);
      const shown = withoutInternalExtensions(formatted, department);
      return department ? fromDepartment(shown) : shown;
    }
    const source = sourceOf(formatted);
    const ownCode = code === CODES.INTERNAL_SERVER_ERROR ? undefined : wellFormedCode(code);
    if (source && ownCode) {
      if (devErrors) return withDepartment(formatted, source);
      if (production) log.warn({ code: ownCode, department: source, path: formatted.path, message: formatted.message }, 'department error: its message is withheld');
      return {
        message: production ? `Error in department ${source}` : maskPersonalText(formatted.message),
        ...(formatted.path && { path: formatted.path }),
        ...(formatted.locations && { locations: formatted.locations }),
        extensions: { code: ownCode, department: source },
      };
    }
    log.error({ code, department, path: formatted.path, message: formatted.message }, 'internal error');
    return devErrors ? withDepartment(formatted, department) : internalError(formatted, department);
  };
}

/**
 * Apollo Server refuses a few requests itself with a 4xx and no code (a persisted query of an
 * unsupported version, or whose hash does not match its text): a refused request, not an
 * internal failure, and its message is Apollo's own.
 */
function isUncodedRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined || error.path !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The department a registered error names: its own `department` when it has one (the
 * gateway's errors about a department, such as SUBGRAPH_UNAVAILABLE; a department's errors
 * about another, such as the catalog's FORBIDDEN naming the providing department), else the
 * subgraph it came from (`serviceName`, as @apollo/gateway calls it).
 */
function departmentOf(formatted: GraphQLFormattedError): string | undefined {
  const { department, serviceName } = formatted.extensions ?? {};
  if (typeof department === 'string') return department;
  return typeof serviceName === 'string' ? serviceName : undefined;
}

/**
 * The subgraph an error came from. @apollo/gateway writes `serviceName` over whatever the
 * subgraph sent, so it is believed before a `department` the subgraph could have written.
 */
function sourceOf(formatted: GraphQLFormattedError): string | undefined {
  const { department, serviceName } = formatted.extensions ?? {};
  if (typeof serviceName === 'string') return serviceName;
  return typeof department === 'string' ? department : undefined;
}

function withDepartment(formatted: GraphQLFormattedError, department: string | undefined): GraphQLFormattedError {
  return department ? { ...formatted, extensions: { ...formatted.extensions, department } } : formatted;
}

function withoutInternalExtensions(formatted: GraphQLFormattedError, department: string | undefined): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...formatted.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  if (department) extensions.department = department;
  return { ...formatted, extensions };
}

/** A department is not trusted to keep personal data and tokens out of what it says. */
function fromDepartment(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { ...formatted, message: maskPersonalText(formatted.message), extensions: scrubLogValue(formatted.extensions) as Record<string, unknown> };
}
