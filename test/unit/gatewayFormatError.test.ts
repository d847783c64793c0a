import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createFormatError } from '../../gateway/server/createFormatError';

const log = pino({ level: 'silent' });
const format = createFormatError({ devErrors: false, log });
const formatDev = createFormatError({ devErrors: true, log });

describe('gateway formatError', () => {
  it('keeps a registered code with its message and extensions', () => {
    const error = { message: 'Application A1 is already accepted', path: ['accept'], extensions: { code: 'INVALID_TRANSITION', currentStatus: 'ACCEPTED' } };
    expect(format(error, null)).toEqual(error);
  });

  it('names the department of a passed-through error instead of the subgraph serviceName', () => {
    const formatted = format({ message: 'No such person', extensions: { code: 'BAD_USER_INPUT', serviceName: 'population' } }, null);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', department: 'population' });
  });

  it('drops a stack trace and raw response a subgraph attached to a registered error', () => {
    const formatted = format({ message: 'Bad id', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x.ts:1'], response: { url: 'http://10.0.0.1' } } }, null);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('replaces an error with an unknown code by a generic INTERNAL_SERVER_ERROR', () => {
    const formatted = format({ message: 'connect ECONNREFUSED 10.0.0.7:5432', path: ['a'], extensions: { code: 'ECONNREFUSED', stacktrace: ['at pg'] } }, null);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('replaces the message of an INTERNAL_SERVER_ERROR from a department, keeping the department', () => {
    const formatted = format({ message: 'SELECT * FROM secret failed', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'market' } }, null);
    expect(formatted).toEqual({ message: 'Internal error in department market', extensions: { code: 'INTERNAL_SERVER_ERROR', department: 'market' } });
  });

  it('keeps Apollo Server request codes such as BAD_REQUEST', () => {
    expect(format({ message: 'POST body missing', extensions: { code: 'BAD_REQUEST' } }, null).extensions?.code).toBe('BAD_REQUEST');
  });

  it('a request error Apollo Server refuses with a 4xx and no code (a persisted query\'s mismatched hash) → BAD_REQUEST with its message', () => {
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('an error without a code and without a 4xx status → still INTERNAL_SERVER_ERROR', () => {
    const error = new GraphQLError('socket hang up');
    expect(format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('returns internal errors untouched with devErrors', () => {
    const error = { message: 'SELECT * FROM secret failed', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.ts:1'] } };
    expect(formatDev(error, null)).toEqual(error);
  });
});
