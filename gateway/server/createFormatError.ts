import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ERROR_CODES } from '../../schema/contracts/errorCodes';

/** Extensions that describe the inside of the system: subgraph stack traces, internal URLs, raw responses. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response', 'serviceName'];

export interface FormatErrorOptions {
  devErrors: boolean;
  log: Logger;
}

/**
 * What a client may see of an error: an error with a registered code (from the gateway or
 * passed through from a department) keeps its code, message and extensions; anything else
 * becomes a generic INTERNAL_SERVER_ERROR, with details only in the log. `devErrors`
 * returns everything, for development only.
 */
export function createFormatError({ devErrors, log }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isUncodedRequestError(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    const code = formatted.extensions?.code;
    const department = departmentOf(formatted);
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && code in ERROR_CODES) {
      return devErrors ? formatted : withoutInternalExtensions(formatted, department);
    }
    log.error({ code, department, path: formatted.path, message: formatted.message }, 'internal error');
    if (devErrors) return formatted;
    return {
      message: department ? `Internal error in department ${department}` : 'Internal server error',
      ...(formatted.path && { path: formatted.path }),
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(department && { department }) },
    };
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

/** The gateway names the subgraph an error came from `serviceName`; clients know it as the department. */
function departmentOf(formatted: GraphQLFormattedError): string | undefined {
  const { department, serviceName } = formatted.extensions ?? {};
  if (typeof department === 'string') return department;
  return typeof serviceName === 'string' ? serviceName : undefined;
}

function withoutInternalExtensions(formatted: GraphQLFormattedError, department: string | undefined): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...formatted.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  if (department) extensions.department = department;
  return { ...formatted, extensions };
}
