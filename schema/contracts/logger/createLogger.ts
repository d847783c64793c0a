import pino, { type DestinationStream, type Logger } from 'pino';
import { LOG_REDACTION } from './logRedaction';
import { maskPersonalText } from './maskPersonalText';
import { scrubLogValue } from './scrubLogValue';

export interface CreateLoggerOptions {
  /** Where the JSON lines go; defaults to stdout. */
  destination?: DestinationStream;
  /** Defaults to `GOVGRAPH_LOG_LEVEL`, else `info` (`silent` under jest). */
  level?: string;
}

/** The message pino would take from an Error (or `{ err }`) logged without one: masked like the rest. */
function derivedMessage(first: unknown): string | undefined {
  if (first instanceof Error) return maskPersonalText(first.message);
  const err = (first as { err?: unknown; msg?: unknown } | null)?.err;
  if ((first as { msg?: unknown }).msg === undefined && err && typeof (err as { message?: unknown }).message === 'string') {
    return maskPersonalText((err as { message: string }).message);
  }
  return undefined;
}

/**
 * Structured JSON logs that never carry personal data or credentials in clear, whatever a
 * caller passes: pino's `redact` masks known keys (`idNumber`, `phone`, `subject`, `keys`…)
 * with the policies' masks and removes credentials (`authorization`, `token`…); as a safety
 * net every logged string, at any depth, in messages and errors too, has resident ID
 * numbers and mobile numbers masked and bearer tokens removed.
 */
export function createLogger(name: string, options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? process.env.GOVGRAPH_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const logger = pino(
    {
      name,
      level,
      redact: LOG_REDACTION,
      formatters: {
        log: (object) => scrubLogValue(object) as Record<string, unknown>,
        bindings: (bindings) => scrubLogValue(bindings) as Record<string, unknown>,
      },
      // Errors are serialized (and masked) by the formatter above, which runs first.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (typeof first === 'string') {
            return method.apply(this, [maskPersonalText(first), ...rest.map((arg) => scrubLogValue(arg))] as Parameters<typeof method>);
          }
          const [message, ...formatArgs] = rest;
          if (typeof message === 'string') {
            return method.apply(this, [first, maskPersonalText(message), ...formatArgs.map((arg) => scrubLogValue(arg))] as Parameters<typeof method>);
          }
          const derived = first !== null && typeof first === 'object' ? derivedMessage(first) : undefined;
          return method.apply(this, (derived === undefined ? args : [first, derived]) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
  // pino applies `formatters.bindings` to the root's bindings only; a child's go through here.
  const child = logger.child;
  logger.child = function scrubbedChild(this: Logger, bindings, childOptions) {
    return child.call(this, scrubLogValue(bindings) as typeof bindings, childOptions);
  } as typeof logger.child;
  return logger;
}
