import fs from 'node:fs';
import path from 'node:path';
import { auditFileOf } from '../../gateway/audit';
import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { SwitchableAuditSink } from '../support/switchableAuditSink';

/**
 * Fail closed: a request whose audit record cannot be stored gets AUDIT_UNAVAILABLE
 * (HTTP 503) and no data, whether the store throws or the disk is full.
 */
const QUERY = '{ thing(id: "t1") { id name colour } }';

async function post(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const AUDIT_UNAVAILABLE = { errors: [{ message: expect.stringContaining('could not be recorded in the audit log'), extensions: { code: 'AUDIT_UNAVAILABLE' } }] };

describe('a gateway whose audit store fails', () => {
  let stack: FixtureStack;
  const sink = new SwitchableAuditSink();

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { audit: { sink, key: 'an audit key for tests, 32+ bytes long' } } });
  });

  afterEach(() => {
    sink.failing = false;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers 503 AUDIT_UNAVAILABLE without data', async () => {
    sink.failing = true;
    expect(await post(stack.gateway.url, await stack.authorization(CASEWORKER))).toEqual({ status: 503, body: AUDIT_UNAVAILABLE });
  });

  it('answers 503 AUDIT_UNAVAILABLE to a refused token', async () => {
    sink.failing = true;
    expect(await post(stack.gateway.url, { authorization: 'Bearer not.a.token' })).toEqual({ status: 503, body: AUDIT_UNAVAILABLE });
  });

  it('answers with data again once records can be stored', async () => {
    sink.failing = true;
    await post(stack.gateway.url, await stack.authorization(CASEWORKER));
    sink.failing = false;
    const { status, body } = await post(stack.gateway.url, await stack.authorization(CASEWORKER));
    expect([status, body]).toEqual([200, { data: { thing: { id: 't1', name: 'first', colour: 'red' } } }]);
  });
});

describe('a gateway whose audit disk fails', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("answers 503 AUDIT_UNAVAILABLE without data when the disk is full (today's file on /dev/full)", async () => {
    const today = path.join(stack.auditDir, auditFileOf(new Date()));
    fs.rmSync(today, { force: true });
    fs.symlinkSync('/dev/full', today);
    try {
      expect(await post(stack.gateway.url, await stack.authorization(CASEWORKER))).toEqual({ status: 503, body: AUDIT_UNAVAILABLE });
    } finally {
      fs.rmSync(today);
    }
  });

  // Root writes to read-only directories regardless; the disk-full case above covers root.
  (process.getuid?.() === 0 ? it.skip : it)('answers 503 AUDIT_UNAVAILABLE without data when the audit directory is read-only', async () => {
    fs.chmodSync(stack.auditDir, 0o500);
    for (const file of fs.readdirSync(stack.auditDir)) fs.chmodSync(path.join(stack.auditDir, file), 0o400);
    try {
      expect(await post(stack.gateway.url, await stack.authorization(CASEWORKER))).toEqual({ status: 503, body: AUDIT_UNAVAILABLE });
    } finally {
      fs.chmodSync(stack.auditDir, 0o700);
    }
  });
});
