import path from 'node:path';
import { DEFAULT_GATEWAY_NAME, DEPARTMENT_TLS_ENV as ENV, loadOrCreateDevTls, readTlsMaterial } from '../../../schema/contracts/tls';
import { isProductionMode } from '../../../schema/contracts/productionMode';
import type { DepartmentTls } from './DepartmentTls';

type Mode = 'off' | 'dev' | 'files';

function modeOf(env: NodeJS.ProcessEnv): Mode {
  const value = env[ENV.mode]?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'off', 'no'].includes(value)) return 'off';
  if (['1', 'true', 'on', 'yes'].includes(value)) return env[ENV.cert] || env[ENV.key] ? 'files' : 'dev';
  if (value === 'dev' || value === 'files') return value;
  throw new Error(`${ENV.mode}='${env[ENV.mode]}': expected 1 or 0 (or dev, files, off)`);
}

function setting(env: NodeJS.ProcessEnv, name: string): { file: string; setting: string } {
  const file = env[name]?.trim();
  if (!file) throw new Error(`${ENV.mode}: serving over TLS from files needs ${ENV.ca}, ${ENV.cert} and ${ENV.key}; ${name} is not set`);
  return { file, setting: name };
}

/**
 * A department's transport from the environment (read by `runDepartmentMain` only):
 * undefined for plain HTTP; with `GOVGRAPH_TLS=1` the server certificate and key in
 * `GOVGRAPH_TLS_SERVER_CERT` / `_KEY` with the CA in `GOVGRAPH_TLS_CA`, or without them (in
 * development only) the development set under `<dataDir>/tls/`, created on first use.
 */
export async function departmentTlsFromEnv(env: NodeJS.ProcessEnv, dataDir = path.resolve('.data')): Promise<DepartmentTls | undefined> {
  const mode = modeOf(env);
  if (mode === 'off') return undefined;
  const gatewayName = env[ENV.gatewayName]?.trim() || DEFAULT_GATEWAY_NAME;
  if (mode === 'files') return { ...readTlsMaterial({ ca: setting(env, ENV.ca), cert: setting(env, ENV.cert), key: setting(env, ENV.key) }), gatewayName };
  if (isProductionMode(env)) throw new Error(`${ENV.mode}: the development CA is refused in production; give ${ENV.ca}, ${ENV.cert} and ${ENV.key}`);
  const dev = await loadOrCreateDevTls(path.join(dataDir, 'tls'));
  const development = (file: string) => ({ file, setting: 'development TLS file' });
  return { ...readTlsMaterial({ ca: development(dev.caCert), cert: development(dev.serverCert), key: development(dev.serverKey) }), gatewayName };
}
