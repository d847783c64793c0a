import fs from 'node:fs';
import path from 'node:path';
import { auditKeyFile, listAuditFiles, loadAuditKey, verifyLedger, type AuditRecord } from '../../gateway/audit';
import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/** 200 requests in parallel through a real gateway over the fixture departments: the queue keeps one chain. */
const QUERY = 'query Thing($id: ID!) { thing(id: $id) { id name colour } }';

describe('audit records of concurrent requests', () => {
  let stack: FixtureStack;
  let before: number;
  let lines: string[];
  let responses: { status: number; requestId: string }[];

  const ledgerLines = () => listAuditFiles(stack.auditDir).flatMap((file) => fs.readFileSync(path.join(stack.auditDir, file), 'utf8').split('\n').filter(Boolean));

  beforeAll(async () => {
    stack = await startFixtureStack();
    const headers = { 'content-type': 'application/json', 'x-purpose': 'review', ...(await stack.authorization(CASEWORKER)) };
    const body = JSON.stringify({ query: QUERY, variables: { id: 't1' } });
    // A first request, so that the ledger does not start empty.
    await fetch(stack.gateway.url, { method: 'POST', headers, body });
    before = ledgerLines().length;
    responses = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const response = await fetch(stack.gateway.url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        return { status: response.status, requestId: response.headers.get('x-request-id')! };
      }),
    );
    lines = ledgerLines();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers all 200 requests', () => {
    expect(responses.filter((response) => response.status === 200)).toHaveLength(200);
  });

  it('adds exactly 200 records', () => {
    expect(lines.length - before).toBe(200);
  });

  it('records each request once, under its request id', () => {
    const recorded = lines.slice(before).map((line) => (JSON.parse(line) as AuditRecord).requestId);
    expect(new Set(recorded)).toEqual(new Set(responses.map((response) => response.requestId)));
  });

  it('leaves a chain that verifies, numbered without gaps', async () => {
    const key = loadAuditKey({ file: auditKeyFile(stack.auditDir), create: false, env: {} });
    expect(await verifyLedger(stack.auditDir, key)).toMatchObject({ ok: true, count: before + 200, last: { seq: before + 200 } });
  });
});
