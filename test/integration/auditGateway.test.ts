import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listAuditFiles, type AuditRecord } from '../../gateway/audit';
import { ALLOW, CASEWORKER, DENY, fakePolicySet, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * The audit record of each request through a real gateway over the fixture departments:
 * alpha serves Thing, beta adds `colour`. `Thing.colour` is withheld from anonymous
 * readers, so decisions and FORBIDDEN outcomes show.
 */
const policies = fakePolicySet(
  { 'Thing.colour': (reader) => (reader.identity ? ALLOW : DENY), 'Thing.name': () => ({ kind: 'MASK', mask: 'name' }) },
  { purposes: ['review', 'audit'], hash: 'policy-hash-7' },
);

const QUERY = 'query Thing($id: ID!) { thing(id: $id) { id name colour } }';

describe('audit records at the gateway', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { policies } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** POSTs to the gateway; returns the status, body and the request id the gateway gave the request. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] }, requestId: response.headers.get('x-request-id')! };
  }

  function ledgerLines(): string[] {
    return listAuditFiles(stack.auditDir).flatMap((file) => fs.readFileSync(path.join(stack.auditDir, file), 'utf8').split('\n').filter(Boolean));
  }

  function recordOf(requestId: string): AuditRecord {
    const found = ledgerLines()
      .map((line) => JSON.parse(line) as AuditRecord)
      .filter((record) => record.requestId === requestId);
    expect(found).toHaveLength(1);
    return found[0];
  }

  async function asCaseworker(headers: Record<string, string> = {}) {
    return post(
      { query: QUERY, variables: { id: 't1' }, operationName: 'Thing' },
      { ...(await stack.authorization(CASEWORKER)), 'x-purpose': 'review', 'x-case-id': 'APP-2026-0001', ...headers },
    );
  }

  it('records the reader, the purpose and the case', async () => {
    const { requestId } = await asCaseworker();
    expect(recordOf(requestId)).toMatchObject({ identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'alpha', clearance: 2 }, purpose: 'review', caseId: 'APP-2026-0001' });
  });

  it('records the operation name and type and the sha256 of the document', async () => {
    const { requestId } = await asCaseworker();
    expect(recordOf(requestId).operation).toEqual({ name: 'Thing', type: 'query', documentHash: createHash('sha256').update(QUERY).digest('hex') });
  });

  it('records each selected field coordinate with its decision', async () => {
    const { requestId } = await post({ query: QUERY, variables: { id: 't1' } });
    expect(recordOf(requestId).decisions).toEqual([
      { coordinate: 'Query.thing', decision: 'ALLOW' },
      { coordinate: 'Thing.colour', decision: 'DENY' },
      { coordinate: 'Thing.id', decision: 'ALLOW' },
      { coordinate: 'Thing.name', decision: 'MASK', mask: 'name' },
    ]);
  });

  it('records the hash of the policies that decided', async () => {
    const { requestId } = await asCaseworker();
    expect(recordOf(requestId).policyHash).toBe('policy-hash-7');
  });

  it('records the departments the request fetched from', async () => {
    const { requestId } = await asCaseworker();
    expect(recordOf(requestId).subgraphs).toEqual(['alpha', 'beta']);
  });

  it('records only the departments actually fetched from', async () => {
    const { requestId } = await post({ query: '{ things { id } }' }, await stack.authorization(CASEWORKER));
    expect(recordOf(requestId).subgraphs).toEqual(['alpha']);
  });

  it('records the IDs the request named as its keys', async () => {
    const { requestId } = await asCaseworker();
    expect(recordOf(requestId).keys).toEqual(['t1']);
  });

  it('records an answered request as ok', async () => {
    const { status, requestId } = await asCaseworker();
    expect([status, recordOf(requestId).outcome]).toEqual([200, { kind: 'ok' }]);
  });

  it('records a withheld field as errors with FORBIDDEN', async () => {
    const { requestId } = await post({ query: QUERY, variables: { id: 't1' } });
    expect(recordOf(requestId).outcome).toEqual({ kind: 'errors', codes: ['FORBIDDEN'] });
  });

  it('records a refused token as unauthenticated, with the reason', async () => {
    const { status, requestId } = await post({ query: QUERY, variables: { id: 't1' }, operationName: 'Thing' }, { authorization: 'Bearer not.a.token' });
    expect(status).toBe(401);
    expect(recordOf(requestId)).toMatchObject({ identity: null, operation: { name: 'Thing' }, outcome: { kind: 'unauthenticated', reason: expect.any(String) } });
  });

  it('never writes the bearer token into the ledger', async () => {
    const authorization = (await stack.authorization(CASEWORKER)).authorization;
    await post({ query: QUERY, variables: { id: 't1' } }, { authorization });
    await post({ query: QUERY, variables: { id: 't1' } }, { authorization: `${authorization}x` });
    expect(ledgerLines().join('\n')).not.toContain(authorization.split('.')[2].slice(0, 20));
  });

  it('records an undeclared purpose as rejected with HTTP 400', async () => {
    const { status, requestId } = await asCaseworker({ 'x-purpose': 'curiosity' });
    expect([status, recordOf(requestId).outcome]).toEqual([400, { kind: 'rejected', status: 400, codes: ['BAD_USER_INPUT'] }]);
  });

  it('records a query that does not validate as rejected', async () => {
    const { requestId } = await post({ query: '{ things { nope } }' });
    expect(recordOf(requestId).outcome).toEqual({ kind: 'rejected', status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
  });
});
