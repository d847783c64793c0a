import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { PublicSigningKey } from '../../policies';
import { loadOrCreateWriteBackSigningKey, loadWriteBackPublicKey } from '../../schema/contracts/writeBack';
import { seedWorld, type SeedOptions, type StartSubgraphOptions } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { startFakeGraph, type FakeGraph } from './fakeGraph';
import type { FakeWriteBackDepartment } from './fakeWriteBackDepartment';
import { startTestSubgraph, type TestSubgraph } from './gatewayTokens';

export interface ServicesAlone {
  running: TestSubgraph;
  db: Kysely<ServicesDatabase>;
  dataDir: string;
  graph: FakeGraph;
  /** The stand-ins it delivers write-backs to, by department. */
  departments: Record<string, FakeWriteBackDepartment>;
  close(): Promise<void>;
}

/**
 * The services department alone, over a fake graph of the seed's world, with the write-back key
 * pair in a data directory of its own and an environment of its own (no REDIS_URL unless `env`
 * names one). `departments` starts the stand-ins it delivers to, given the platform's public key;
 * services is told their URLs.
 */
export async function startServicesAlone(options: {
  seed: SeedOptions;
  env?: Record<string, string>;
  departments?: (publicKey: PublicSigningKey) => Promise<Record<string, FakeWriteBackDepartment>>;
  subgraph?: Partial<Omit<StartSubgraphOptions, 'gatewayKeys'>>;
}): Promise<ServicesAlone> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-services-alone-'));
  loadOrCreateWriteBackSigningKey({ env: {}, dir: path.join(dataDir, 'keys'), create: true });
  const departments = (await options.departments?.(loadWriteBackPublicKey({ env: {}, dir: path.join(dataDir, 'keys') }))) ?? {};
  const graph = await startFakeGraph(seedWorld(options.seed));
  const running = await startTestSubgraph(services, {
    port: 0,
    dataDir,
    databaseUrl: null,
    seedIfEmpty: options.seed,
    graphUrl: graph.url,
    ...options.subgraph,
    env: { ...Object.fromEntries(Object.entries(departments).map(([name, fake]) => [`GOVGRAPH_${name.toUpperCase()}_URL`, fake.url])), ...options.env },
  });
  return {
    running,
    db: running.database.db as Kysely<ServicesDatabase>,
    dataDir,
    graph,
    departments,
    async close() {
      await running.close();
      await Promise.all([graph.close(), ...Object.values(departments).map((fake) => fake.close())]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
