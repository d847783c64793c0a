import path from 'node:path';
import { grantStoreFrom, grantStoreSettingsFromEnv } from '../policies/grants';
import { policyStoreFromEnv } from '../policies';
import { SUPERGRAPH_FILE } from '../schema/composition/composeSupergraph';
import { readGatewayConfig } from '../gateway/config';
import { startGateway } from '../gateway/server/startGateway';
import { numberOption, parseOptions } from './parseOptions';

/**
 * `govgraph gateway [--supergraph FILE] [--policies DIR] [--port N]`: the gateway alone, over
 * departments that run elsewhere (their URLs in the supergraph, or `GOVGRAPH_<NAME>_URL`), as
 * one of several instances behind a load balancer. Everything else comes from the environment
 * (see README "Running in production"). SIGTERM drains the requests in flight, then exits 0.
 */
export async function gatewayCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { supergraph: { type: 'string' }, policies: { type: 'string' }, port: { type: 'string' } });
  const config = readGatewayConfig(process.env);
  const gateway = await startGateway({
    config,
    port: numberOption(values.port, 'port', config.port),
    supergraphFile: path.resolve(values.supergraph ?? SUPERGRAPH_FILE),
    policies: values.policies ? { dir: path.resolve(values.policies) } : undefined,
    policyStore: policyStoreFromEnv(process.env),
    grants: { store: grantStoreFrom({ ...grantStoreSettingsFromEnv(process.env), dataDir: config.dataDir }), keysDir: path.join(config.dataDir, 'keys'), env: process.env },
  });
  console.log(`gateway ${gateway.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await gateway.close();
  return 0;
}
