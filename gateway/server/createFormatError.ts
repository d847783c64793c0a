import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ERROR_CODES } from '../../schema/errorCodes';

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
  return (formatted: GraphQLFormattedError, _error: unknown): GraphQLFormattedError => {
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
