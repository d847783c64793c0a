import fs from 'node:fs';
import path from 'node:path';
import { FileGrantStore, GRANT_PUBLIC_FILE, GRANT_PUBLIC_JWK_ENV, grantStoreFrom, grantStoreSettingsFromEnv } from '../policies/grants';
import { PolicyLoadError, policyStoreFromEnv } from '../policies';
import { SUPERGRAPH_FILE } from '../schema/composition/composeSupergraph';
import { GATEWAY_ENV, readGatewayConfig, type GatewayConfig } from '../gateway/config';
import { startGateway, type StartGatewayOptions } from '../gateway/server/startGateway';
import { terminationSignal } from '../schema/contracts/service';
import { numberOption, parseOptions } from './parseOptions';

/**
 * `govgraph gateway [--supergraph FILE] [--policies DIR] [--port N]`: the gateway alone, over
 * subgraphs that run elsewhere (their URLs in the supergraph, or `GOVGRAPH_<NAME>_URL`): one of
 * several instances behind a load balancer, or the gateway of any federation v2 graph. Everything
 * else comes from the environment (see README "Running in production"; docs/running-any-graph.md).
 * SIGTERM drains the requests in flight, then exits 0.
 */
export async function gatewayCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { supergraph: { type: 'string' }, policies: { type: 'string' }, port: { type: 'string' } });
  const supergraphFile = path.resolve(values.supergraph ?? SUPERGRAPH_FILE);
  const config = subgraphPoliciesOf(readGatewayConfig(process.env), supergraphFile, process.env);
  let gateway;
  try {
    gateway = await startGateway({
      config,
      port: numberOption(values.port, 'port', config.port),
      supergraphFile,
      policies: values.policies ? { dir: path.resolve(values.policies) } : undefined,
      policyStore: policyStoreFromEnv(process.env),
      grants: grantsToFollow(config, process.env),
    });
  } catch (error) {
    if (error instanceof PolicyLoadError && !values.policies && supergraphFile !== SUPERGRAPH_FILE) {
      throw new Error(
        `no --policies given, so govgraph's own policies (written for its own graph) were checked against ${supergraphFile}. Pass --policies DIR; \`npx govgraph policy scaffold --supergraph ${values.supergraph} --out DIR\` writes a starting folder for this graph.\n${error.message}`,
      );
    }
    throw error;
  }
  console.log(`gateway ${gateway.url}`);
  await terminationSignal();
  await gateway.close();
  return 0;
}

/**
 * Another graph's subgraphs are not govgraph's departments: unless GOVGRAPH_SUBGRAPH_POLICIES
 * says they enforce the policies again, the gateway is the only one that does (it masks, and
 * withholds what only a subgraph could grant) rather than trust them to.
 */
function subgraphPoliciesOf(config: GatewayConfig, supergraphFile: string, env: NodeJS.ProcessEnv): GatewayConfig {
  if (env[GATEWAY_ENV.subgraphPolicies] !== undefined || supergraphFile === SUPERGRAPH_FILE || !config.enforcePolicies) return config;
  console.warn(
    `subgraph policies: none (${supergraphFile} is not govgraph's own supergraph): the gateway alone enforces the policies; set ${GATEWAY_ENV.subgraphPolicies}=enforced if every subgraph enforces them too`,
  );
  return { ...config, subgraphPolicies: 'none' };
}

/**
 * The access grants a catalog publishes are followed when there can be some: when the
 * catalog's public key is given (`GOVGRAPH_GRANT_PUBLIC_JWK`, or its file under
 * `<data dir>/keys/`), or grants were published to the file store. Then a key that is missing
 * or unreadable stops start-up, as in `startGateway`. A graph without a catalog has neither;
 * its gateway follows no grants (grants only ever widen what the policies allow), and says so.
 */
function grantsToFollow(config: GatewayConfig, env: NodeJS.ProcessEnv): StartGatewayOptions['grants'] {
  // With the policies off nothing is decided, so no grant could widen anything.
  if (!config.enforcePolicies) return undefined;
  const keysDir = path.join(config.dataDir, 'keys');
  const store = grantStoreFrom({ ...grantStoreSettingsFromEnv(env), dataDir: config.dataDir });
  const keyGiven = !!env[GRANT_PUBLIC_JWK_ENV] || fs.existsSync(path.join(keysDir, GRANT_PUBLIC_FILE));
  const fileStoreUsed = store instanceof FileGrantStore && fs.existsSync(store.file);
  if (!keyGiven && !fileStoreUsed) {
    console.warn(`access grants: not followed (no catalog key: ${GRANT_PUBLIC_JWK_ENV} unset, no ${path.join(keysDir, GRANT_PUBLIC_FILE)}); the policies alone decide`);
    return undefined;
  }
  return { store, keysDir, env };
}
