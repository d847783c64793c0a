import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createFormatError } from '../../gateway/server/createFormatError';

const log = pino({ level: 'silent' });
const format = createFormatError({ devErrors: false, log });
const formatDev = createFormatError({ devErrors: true, log });
const formatProduction = createFormatError({ devErrors: false, production: true, log });

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

  it("a request error Apollo Server refuses with a 4xx and no code (a persisted query's mismatched hash) → BAD_REQUEST with its message", () => {
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('an error without a code and without a 4xx status → still INTERNAL_SERVER_ERROR', () => {
    const error = new GraphQLError('socket hang up');
    expect(format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it("a department's own well-formed code → kept with the department, its other extensions dropped", () => {
    const formatted = format({ message: 'No gadget g1', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', serviceName: 'gamma', internalRef: 'db-7' } }, null);
    expect(formatted).toEqual({ message: 'No gadget g1', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', department: 'gamma' } });
  });

  it('a department that sent no code (DOWNSTREAM_SERVICE_ERROR from the gateway library) → that code with the department', () => {
    const formatted = format({ message: 'lookup failed', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'gamma' } }, null);
    expect(formatted).toEqual({ message: 'lookup failed', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', department: 'gamma' } });
  });

  it("production → a department's own code and department kept, its message replaced", () => {
    const formatted = formatProduction({ message: 'No gadget g1 in shelf 4', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', serviceName: 'gamma' } }, null);
    expect(formatted).toEqual({ message: 'Error in department gamma', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', department: 'gamma' } });
  });

  it('production → a registered code from a department keeps its message', () => {
    const formatted = formatProduction({ message: 'No thing has id t9', extensions: { code: 'BAD_USER_INPUT', argument: 'id', serviceName: 'alpha' } }, null);
    expect(formatted).toEqual({ message: 'No thing has id t9', extensions: { code: 'BAD_USER_INPUT', argument: 'id', department: 'alpha' } });
  });

  it("a department's code that is not well-formed (lower case, spaces) → INTERNAL_SERVER_ERROR with the department", () => {
    const formatted = format({ message: 'connect to 10.0.0.7 failed', extensions: { code: 'connect failed', serviceName: 'gamma' } }, null);
    expect(formatted).toEqual({ message: 'Internal error in department gamma', extensions: { code: 'INTERNAL_SERVER_ERROR', department: 'gamma' } });
  });

  it("a department's code holding a phone number → INTERNAL_SERVER_ERROR", () => {
    expect(format({ message: 'x', extensions: { code: 'NO_SUCH_PHONE_13812345678', serviceName: 'gamma' } }, null).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      department: 'gamma',
    });
  });

  it("a department's code longer than 64 characters → INTERNAL_SERVER_ERROR", () => {
    expect(format({ message: 'x', extensions: { code: `A${'B'.repeat(64)}`, serviceName: 'gamma' } }, null).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      department: 'gamma',
    });
  });

  it("a department's message → ID numbers and phone numbers masked, tokens removed", () => {
    const formatted = format(
      { message: 'Person 11010519491231002X (13812345678) refused Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', extensions: { code: 'NOT_ALLOWED', serviceName: 'gamma' } },
      null,
    );
    expect(formatted.message).toBe('Person 110105********002X (138****5678) refused Bearer [token removed]');
  });

  it("a registered code's extensions from a department → tokens dropped and phone numbers masked", () => {
    const formatted = format({ message: 'Bad', extensions: { code: 'BAD_USER_INPUT', serviceName: 'gamma', token: 'abc', contact: '13812345678' } }, null);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', department: 'gamma', contact: '138****5678' });
  });

  it("a department's own code naming another department → the department it came from", () => {
    const formatted = format({ message: 'Bad', extensions: { code: 'GADGET_NOT_FOUND', department: 'population', serviceName: 'gamma' } }, null);
    expect(formatted.extensions).toEqual({ code: 'GADGET_NOT_FOUND', department: 'gamma' });
  });

  it('a registered code naming the department it is about (the providing one) → that department kept', () => {
    const formatted = format({ message: 'Only an officer of population may decide.', extensions: { code: 'FORBIDDEN', department: 'population', serviceName: 'catalog' } }, null);
    expect(formatted.extensions).toEqual({ code: 'FORBIDDEN', department: 'population' });
  });

  it('returns internal errors untouched with devErrors', () => {
    const error = { message: 'SELECT * FROM secret failed', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.ts:1'] } };
    expect(formatDev(error, null)).toEqual(error);
  });
});
