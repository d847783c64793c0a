import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { Pool } from 'pg';
import { loadOrCreateWriteBackSigningKey, loadWriteBackPublicKey } from '../../schema/contracts/writeBack';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import { eventually, startFakeWriteBackDepartment, type FakeWriteBackDepartment } from '../support/fakeWriteBackDepartment';
import { createGatewayTestKeys, startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker', 'reviewer'], dept: 'services', clearance: 4 };
const COMPLETIONS = 12;

describeWithPostgres('services write-backs, two instances on one PostgreSQL', () => {
  const schema = uniqueSchema('services_write_back');
  let dataDir: string;
  let graph: FakeGraph;
  let licenses: FakeWriteBackDepartment;
  const instances: TestSubgraph[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-services-write-back-pg-'));
    loadOrCreateWriteBackSigningKey({ env: {}, dir: path.join(dataDir, 'keys'), create: true });
    licenses = await startFakeWriteBackDepartment('licenses', loadWriteBackPublicKey({ env: {}, dir: path.join(dataDir, 'keys') }));
    graph = await startFakeGraph(world);
    const keys = await createGatewayTestKeys();
    // One after the other: the first migrates and seeds, the second finds it done.
    for (let i = 0; i < 2; i++) {
      instances.push(
        await startTestSubgraph(services, {
          port: 0,
          keys,
          dataDir,
          databaseUrl: POSTGRES_URL,
          databaseSchema: schema,
          seedIfEmpty: SEED,
          graphUrl: graph.url,
          env: { GOVGRAPH_LICENSES_URL: licenses.url, GOVGRAPH_WRITE_BACK_POLL_MS: '5', GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '20' },
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await Promise.all([graph?.close(), licenses?.close()]);
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function ok(instance: TestSubgraph, document: string, variables: Record<string, unknown>): Promise<any> {
    const { body } = await instance.request(document, variables, STAFF);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0];
  }

  it('completions on both instances at once → every write-back APPLIED, each delivered once; update numbers contiguous from 1, one settled number each', async () => {
    const ids = await Promise.all(
      Array.from({ length: COMPLETIONS }, async (_, i) => {
        const instance = instances[i % 2];
        const { id } = await ok(instance, 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
          input: { itemCode: 'SI-0030', applicantIdNumber: world.personIds[i] },
        });
        for (const step of ['acceptApplication(id: $id)', 'decideApplication(id: $id, approve: true)', 'completeApplication(id: $id)']) {
          await ok(instance, `mutation ($id: ID!) { ${step} { id } }`, { id });
        }
        return id as string;
      }),
    );
    const db = instances[0].database.db as Kysely<ServicesDatabase>;
    await eventually(
      () => db.selectFrom('write_backs').select('state').where('application_id', 'in', ids).execute(),
      (rows) => rows.length === COMPLETIONS && rows.every((row) => row.state === 'applied'),
    );
    const deliveries = new Map<string, number>();
    for (const { event } of licenses.deliveries) deliveries.set(event.id, (deliveries.get(event.id) ?? 0) + 1);
    expect(ids.map((id) => deliveries.get(`${id}/1`))).toEqual(ids.map(() => 1));

    const seqs = (await db.selectFrom('application_updates').select('seq').orderBy('seq').execute()).map((row) => Number(row.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const decided = (await db.selectFrom('write_backs').select('decided_seq').where('application_id', 'in', ids).execute()).map((row) => Number(row.decided_seq));
    expect(new Set(decided).size).toBe(COMPLETIONS);
  });
});
