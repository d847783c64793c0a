import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { gatewayCertificateProblem, loadOrCreateDevTls, readTlsMaterial, type TlsFiles, type TlsMaterial } from '../../schema/contracts/tls';
import type { GatewayConfig } from '../config';
import { TLS_ENV } from '../config/tlsConfig';

/** Where the gateway's CA, client certificate and key are read from, by mode. */
async function filesOf(config: Pick<GatewayConfig, 'tls' | 'dataDir' | 'mode'>): Promise<TlsFiles> {
  const { tls } = config;
  if (tls.mode === 'dev') {
    if (config.mode === 'production') {
      throw new Error(`${TLS_ENV.mode}: the development CA is refused in production; give ${TLS_ENV.caFile}, ${TLS_ENV.certFile} and ${TLS_ENV.keyFile}`);
    }
    const dev = await loadOrCreateDevTls(path.join(config.dataDir, 'tls'));
    return {
      ca: { file: dev.caCert, setting: 'development CA' },
      cert: { file: dev.gatewayCert, setting: 'development certificate' },
      key: { file: dev.gatewayKey, setting: 'development key' },
    };
  }
  return {
    ca: { file: tls.caFile as string, setting: TLS_ENV.caFile },
    cert: { file: tls.certFile as string, setting: TLS_ENV.certFile },
    key: { file: tls.keyFile as string, setting: TLS_ENV.keyFile },
  };
}

/**
 * What the gateway presents to departments and trusts from them, or null for plain HTTP
 * (`tls.mode` off). In `dev` the development set under `<dataDir>/tls/` is created on first
 * use. A client certificate departments would not take for the gateway's stops start-up
 * here rather than failing every request later.
 */
export async function gatewayTlsOf(config: Pick<GatewayConfig, 'tls' | 'dataDir' | 'mode'>): Promise<TlsMaterial | null> {
  if (config.tls.mode === 'off') return null;
  const files = await filesOf(config);
  const material = readTlsMaterial(files);
  const problem = gatewayCertificateProblem(new X509Certificate(material.cert), config.tls.gatewayName);
  if (problem) {
    throw new Error(`The gateway's client certificate ${files.cert.setting}=${files.cert.file} would be refused by every department: ${problem} (${TLS_ENV.gatewayName})`);
  }
  return material;
}
