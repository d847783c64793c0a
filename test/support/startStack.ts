import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSubgraph, type DepartmentDefinition, type RunningSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { market } from '../../subgraphs/market';
import { licenses } from '../../subgraphs/licenses';
import { services } from '../../subgraphs/services';
import { startGateway, type RunningGateway } from '../../gateway/server/startGateway';
import { SUPERGRAPH_FILE } from '../../schema/composeSupergraph';
import { freePort } from './freePort';

export const DEPARTMENTS: DepartmentDefinition<any, any>[] = [population, market, licenses, services];

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  dataDir: string;
  /** SQL statements each department has run so far. */
  statementCounts(): Record<string, number>;
  stopSubgraph(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  seed?: number;
  scale?: number;
  /** Serve the departments from PostgreSQL, each in its own schema with this prefix. */
  postgres?: { url: string; schemaPrefix: string };
  departments?: DepartmentDefinition<any, any>[];
  supergraphFile?: string;
}

/** The four departments and the gateway in this process, on free ports, over throwaway databases. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-stack-'));
  const gatewayPort = await freePort();
  const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const seedIfEmpty = { seed: options.seed ?? 7, scale: options.scale ?? 0.1 };
  const running = await Promise.all(
    (options.departments ?? DEPARTMENTS).map((definition) =>
      startSubgraph(definition, {
        port: 0,
        dataDir,
        seedIfEmpty,
        graphUrl,
        databaseUrl: options.postgres?.url ?? null,
        databaseSchema: options.postgres ? `${options.postgres.schemaPrefix}_${definition.name}` : undefined,
      }),
    ),
  );
  const subgraphs = Object.fromEntries(running.map((s) => [s.name, s]));
  const gateway = await startGateway({
    port: gatewayPort,
    supergraphFile: options.supergraphFile ?? SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])),
    watch: false,
  });
  const stopped = new Set<string>();
  return {
    gateway,
    subgraphs,
    dataDir,
    statementCounts: () => Object.fromEntries(running.map((s) => [s.name, s.database.statementCount()])),
    async stopSubgraph(name) {
      stopped.add(name);
      await subgraphs[name].close();
    },
    async close() {
      await gateway.close();
      await Promise.all(running.filter((s) => !stopped.has(s.name)).map((s) => s.close()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
