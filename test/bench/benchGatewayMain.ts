/**
 * One gateway alone, in a process of its own, over departments already running (named by
 * `GOVGRAPH_<NAME>_URL`) and configured by its environment like any gateway: the bench
 * starts several, configured apart, over the same departments. Reports `ready` (or
 * `failed`) to the process that forked it; stops on SIGTERM, SIGINT or when that process goes.
 */
import path from 'node:path';
import { FileGrantStore } from '../../policies/grants';
import { readGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/server/startGateway';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

async function main(): Promise<void> {
  const config = readGatewayConfig(process.env);
  const gateway = await startGateway({
    config,
    supergraphFile: SUPERGRAPH_FILE,
    watch: false,
    // The ledger and the grants in files whatever REDIS_URL says: only the stage-2 stores move to Redis.
    audit: { dir: config.audit.dir ?? path.join(config.dataDir, 'audit'), key: config.audit.key },
    grants: { store: new FileGrantStore(path.join(config.dataDir, 'grants.json')), keysDir: path.join(config.dataDir, 'keys') },
  });
  const stop = (): void => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  process.send?.({ type: 'ready', url: gateway.url });
}

main().catch((error: Error) => {
  process.send?.({ type: 'failed', message: error.message });
  console.error(`bench gateway: ${error.message}`);
  process.exit(1);
});
