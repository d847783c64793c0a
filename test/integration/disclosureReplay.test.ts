import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { signDisclosureReplayToken, type GatewayClaims } from '../../schema/contracts/gatewayToken';
import { population } from '../../subgraphs/population';
import type { Identity } from '../../subgraphs/kit';
import type { DisclosureRow } from '../../subgraphs/kit/disclosures/disclosuresTable';
import { citizen, mintGatewayToken, startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { graphqlRequest } from '../support/graphqlRequest';

/**
 * The gateway answered a request from its cache: it asks each department that served the
 * original request to log the new read (`POST /disclosures/replay`), and the department copies
 * the rows it logged for that request, restamped for the new reader.
 */
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const CASEWORKER: Identity = { sub: 'staff-0003', roles: ['caseworker'], dept: 'services', clearance: 2 };
const ORIGINAL = 'r-original';

let running: TestSubgraph;
let dataDir: string;
let idNumber: string;

const rowsOf = (requestId: string) =>
  (running.database.db as Kysely<any>).selectFrom('kit_disclosures').selectAll().where('request_id', '=', requestId).orderBy('id').execute() as Promise<DisclosureRow[]>;

const readerOf = (identity: Identity, requestId: string): GatewayClaims => ({ identity, purpose: 'case-review', requestId, caseId: 'APP-2026-000002' });

async function replay(authorization?: string, tokens?: string[]): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/disclosures/replay', running.url), {
    method: 'POST',
    headers: { ...(authorization && { authorization }), ...(tokens && { 'content-type': 'application/json' }) },
    body: tokens && JSON.stringify({ tokens }),
  });
  return { status: response.status, body: await response.json() };
}

const replayToken = (requestId: string, replayOf = ORIGINAL) => signDisclosureReplayToken(running.keys, 'population', readerOf(CASEWORKER, requestId), replayOf);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-replay-'));
  running = await startTestSubgraph(population, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.01 }, metrics: false });
  idNumber = ((await (running.database.db as Kysely<any>).selectFrom('persons').select('id_number').limit(1).executeTakeFirstOrThrow()) as { id_number: string }).id_number;
  // The original request, as the gateway ran it before caching its answer.
  const token = await mintGatewayToken(running.keys, 'population', { ...readerOf(REVIEWER, ORIGINAL), purpose: 'application-review', caseId: null });
  const read = await graphqlRequest(running.url, 'query ($id: ID!) { person(idNumber: $id) { name gender } }', { id: idNumber }, { authorization: `Bearer ${token}` });
  expect(read.body.errors).toBeUndefined();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('disclosures of a cached answer', () => {
  it('a replay token at /graphql → 401 replay-token, no data', async () => {
    const answer = await graphqlRequest(running.url, '{ person(idNumber: "x") { name } }', undefined, { authorization: `Bearer ${await replayToken('r-graphql')}` });
    expect(answer).toEqual({ status: 401, body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'replay-token' } }] } });
  });

  it('a replay → the original rows copied for the new reader, from_cache 1, and the resident sees fromCache', async () => {
    const answer = await replay(`Bearer ${await replayToken('r-hit-1')}`);
    const [original] = await rowsOf(ORIGINAL);
    expect(answer).toEqual({ status: 200, body: { copied: 1 } });
    expect(await rowsOf('r-hit-1')).toEqual([
      {
        ...original,
        id: expect.any(Number),
        disclosed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        request_id: 'r-hit-1',
        reader_sub: CASEWORKER.sub,
        reader_roles: '["caseworker"]',
        reader_dept: 'services',
        purpose: 'case-review',
        case_id: 'APP-2026-000002',
        from_cache: 1,
        cached_from: ORIGINAL,
        cached_row_id: original.id,
      },
    ]);
    const mine = await running.request('{ myDisclosures { edges { node { requestId fromCache cachedFrom fields } } } }', undefined, citizen(idNumber));
    expect(mine.body.data.myDisclosures.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { requestId: 'r-hit-1', fromCache: true, cachedFrom: ORIGINAL, fields: ['name', 'gender'] },
      { requestId: ORIGINAL, fromCache: false, cachedFrom: null, fields: ['name', 'gender'] },
    ]);
  });

  it('the same replay asked again → copies nothing more', async () => {
    const first = await replay(`Bearer ${await replayToken('r-hit-2')}`);
    const again = await replay(`Bearer ${await replayToken('r-hit-2')}`);
    expect({ first: first.body, again: again.body, rows: (await rowsOf('r-hit-2')).length }).toEqual({ first: { copied: 1 }, again: { copied: 0 }, rows: 1 });
  });

  it('a batch: one token in the header, two in the body → the rows copied for each of the three reads', async () => {
    const answer = await replay(`Bearer ${await replayToken('r-batch-1')}`, [await replayToken('r-batch-2'), await replayToken('r-batch-3')]);
    const copies = await Promise.all(['r-batch-1', 'r-batch-2', 'r-batch-3'].map(async (id) => (await rowsOf(id)).map((row) => row.cached_from)));
    expect({ answer, copies }).toEqual({ answer: { status: 200, body: { copied: 3 } }, copies: [[ORIGINAL], [ORIGINAL], [ORIGINAL]] });
  });

  it('a batch with an ordinary token in the body → 401 for all, nothing copied', async () => {
    const ordinary = await mintGatewayToken(running.keys, 'population', readerOf(CASEWORKER, 'r-batch-5'));
    const answer = await replay(`Bearer ${await replayToken('r-batch-4')}`, [ordinary]);
    expect({ status: answer.status, reason: answer.body.errors[0].extensions.reason, rows: (await rowsOf('r-batch-4')).length }).toEqual({
      status: 401,
      reason: 'not-a-replay-token',
      rows: 0,
    });
  });

  it('an ordinary gateway token at /disclosures/replay → 401 not-a-replay-token, nothing copied', async () => {
    const answer = await replay(`Bearer ${await mintGatewayToken(running.keys, 'population', readerOf(CASEWORKER, 'r-ordinary'))}`);
    expect(answer).toEqual({ status: 401, body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'not-a-replay-token' } }] } });
    expect(await rowsOf('r-ordinary')).toEqual([]);
  });

  it('the database refuses writes → 503 AUDIT_UNAVAILABLE naming the department', async () => {
    const db = running.database.db as Kysely<any>;
    await sql`pragma query_only = 1`.execute(db);
    try {
      const answer = await replay(`Bearer ${await replayToken('r-refused')}`);
      expect(answer).toEqual({ status: 503, body: { errors: [{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE', department: 'population' } }] } });
    } finally {
      await sql`pragma query_only = 0`.execute(db);
    }
  });
});
