import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { GatewayAudit, type AuditRecord, type AuditSink } from '../../gateway/audit';
import type { RequestContext } from '../../gateway/request';
import { gatewayPlugins } from '../../gateway/server/plugins';

/**
 * The audit plugin among the gateway's plugins, over a small local schema and an
 * in-memory sink that can be made to fail: what is stored, what the client gets when
 * nothing can be stored, and what reaches the log.
 */
const ID_NUMBER = '110105194912310021';
const PHONE = '13812345678';

class MemorySink implements AuditSink {
  readonly description = 'memory';
  records: AuditRecord[] = [];
  failing = false;
  async recover() {
    return { last: null, head: null, torn: null };
  }
  async dropTorn() {}
  async append(records: readonly AuditRecord[]) {
    if (this.failing) throw new Error('EACCES: permission denied, open audit-2026-11-27.jsonl');
    this.records.push(...records);
  }
  async check() {
    if (this.failing) throw new Error('EACCES: permission denied, access');
  }
  async close() {}
}

const typeDefs = `
  type Query { person(idNumber: ID!, phone: String): Person }
  type Mutation { changePhone(idNumber: ID!, phone: String!): Person }
  type Person { idNumber: ID!, name: String }
`;

describe('audit plugin', () => {
  let sink: MemorySink;
  let audit: GatewayAudit;
  let server: ApolloServer<RequestContext>;
  let logged: string[];
  let changes: number;

  const context = (): RequestContext => ({
    reader: { requestId: 'req-1', identity: { sub: ID_NUMBER, roles: ['citizen'], dept: null, clearance: 1 }, purpose: 'self-service', caseId: null },
    clientAddress: '127.0.0.1',
  });
  const run = (query: string, variables?: Record<string, unknown>) => server.executeOperation({ query, variables }, { contextValue: context() });
  const singleResult = (response: Awaited<ReturnType<typeof run>>) => (response.body.kind === 'single' ? response.body.singleResult : undefined);

  beforeEach(async () => {
    logged = [];
    changes = 0;
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    sink = new MemorySink();
    audit = new GatewayAudit({ sink, key: 'an audit key for tests, 32+ bytes long' }, { mode: 'development', log });
    server = new ApolloServer<RequestContext>({
      typeDefs,
      resolvers: {
        Query: { person: (_: unknown, { idNumber }: { idNumber: string }) => ({ idNumber, name: '王小明' }) },
        Mutation: { changePhone: (_: unknown, { idNumber }: { idNumber: string }) => (changes++, { idNumber, name: '王小明' }) },
      },
      plugins: gatewayPlugins({ log, audit }),
    });
    await server.start();
    await audit.open();
  });

  afterEach(async () => {
    await server.stop();
  });

  it('stores the record of a request before its response is returned', async () => {
    await run('query Me($id: ID!) { person(idNumber: $id) { name } }', { id: ID_NUMBER });
    expect(sink.records).toEqual([
      expect.objectContaining({
        seq: 1,
        requestId: 'req-1',
        keys: [expect.stringMatching(/^110105\*{8}0021~[0-9a-f]{16}$/)],
        operation: expect.objectContaining({ name: 'Me', type: 'query' }),
      }),
    ]);
  });

  it('withholds the data and answers 503 AUDIT_UNAVAILABLE when the record cannot be stored', async () => {
    sink.failing = true;
    const response = await run('{ person(idNumber: "x") { name } }');
    expect(response.http.status).toBe(503);
    expect(singleResult(response)).toEqual({ errors: [{ message: expect.stringContaining('could not be recorded in the audit log'), extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  });

  it('refuses a mutation before it runs when the ledger cannot take records', async () => {
    sink.failing = true;
    const response = await run(`mutation { changePhone(idNumber: "${ID_NUMBER}", phone: "${PHONE}") { name } }`);
    expect([changes, singleResult(response)?.errors?.[0].extensions?.code]).toEqual([0, 'AUDIT_UNAVAILABLE']);
  });

  it("keeps the variables and the reader's ID number out of the request's log line", async () => {
    await run('query($id: ID!, $phone: String) { person(idNumber: $id, phone: $phone) { name } }', { id: ID_NUMBER, phone: PHONE });
    expect(logged.join('')).toContain('graphql request');
    expect(logged.join('')).not.toMatch(new RegExp(`${ID_NUMBER}|${PHONE}`));
  });

  it('keeps the variables and the reader out of the log line of a failed audit write', async () => {
    sink.failing = true;
    await run('query($id: ID!, $phone: String) { person(idNumber: $id, phone: $phone) { name } }', { id: ID_NUMBER, phone: PHONE });
    expect(logged.join('')).toContain('audit record not written');
    expect(logged.join('')).not.toMatch(new RegExp(`${ID_NUMBER}|${PHONE}`));
  });

  it('closes the ledger when the server stops', async () => {
    await server.stop();
    await expect(audit.append({} as never)).rejects.toThrow(/not open/);
  });
});
