import type { DepartmentDefinition } from './defineDepartment';
import { startSubgraph } from './startSubgraph';

/**
 * The process entry of a department (`subgraphs/<name>/server.ts`). Settings come from
 * the environment: `<NAME>_PORT` (else the default port), `<NAME>_DATABASE_URL` or
 * `DATABASE_URL` (else SQLite under `.data/`), `GOVGRAPH_SEED` and `GOVGRAPH_SCALE` for
 * the first start's seed, `GOVGRAPH_SEED_IF_EMPTY=0` to start with empty tables.
 * Tells a parent process (`govgraph start`) where it listens over IPC.
 */
export function runDepartmentMain(definition: DepartmentDefinition<any, any>, defaultPort: number): void {
  const env = process.env;
  const port = Number(env[`${definition.name.toUpperCase()}_PORT`] ?? defaultPort);
  const seedIfEmpty = env.GOVGRAPH_SEED_IF_EMPTY === '0' ? undefined : { seed: Number(env.GOVGRAPH_SEED ?? 1), scale: Number(env.GOVGRAPH_SCALE ?? 1) };
  startSubgraph(definition, { port, seedIfEmpty, dataDir: env.GOVGRAPH_DATA_DIR }).then(
    (running) => {
      process.send?.({ type: 'ready', name: definition.name, url: running.url, database: running.database.location });
      if (!process.send) console.log(`${definition.name.padEnd(10)} ${running.url}  (${running.database.location})`);
      const stop = (): void => {
        running.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      const message = error.message;
      process.send?.({ type: 'failed', name: definition.name, message });
      console.error(`${definition.name}: failed to start: ${message}`);
      process.exit(1);
    },
  );
}
