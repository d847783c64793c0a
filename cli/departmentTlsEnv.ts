import path from 'node:path';
import { DEPARTMENT_TLS_ENV as ENV, devTlsFilesIn } from '../schema/contracts/tls';
import type { GatewayConfig } from '../gateway/config';
import { gatewayTlsOf } from '../gateway/execute/gatewayTlsOf';

/**
 * What `govgraph start` adds to each department's environment for the transport the gateway
 * will use. With TLS on it first loads (in `dev`, creates) and checks the gateway's side, so
 * a bad certificate stops start-up before any department runs; in `dev` it hands departments
 * the development server certificate; in `files` they read their own from the environment.
 */
export async function departmentTlsEnv(config: GatewayConfig): Promise<Record<string, string>> {
  if (config.tls.mode === 'off') return { [ENV.mode]: 'off' };
  await gatewayTlsOf(config);
  if (config.tls.mode === 'files') return { [ENV.mode]: 'files', [ENV.gatewayName]: config.tls.gatewayName };
  const dev = devTlsFilesIn(path.join(config.dataDir, 'tls'));
  return { [ENV.mode]: 'files', [ENV.ca]: dev.caCert, [ENV.cert]: dev.serverCert, [ENV.key]: dev.serverKey, [ENV.gatewayName]: config.tls.gatewayName };
}
