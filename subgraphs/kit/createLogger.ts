import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Callers log identifiers only through masks: tokens, ID numbers and
 * phone numbers never appear in clear.
 */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.GOVGRAPH_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info') });
}
