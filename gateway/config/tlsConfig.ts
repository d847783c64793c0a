import { z } from 'zod';
import { DEFAULT_GATEWAY_NAME } from '../../schema/contracts/tls/TlsMaterial';
import { envBoolean, envValue, type Env } from './envReaders';

/**
 * Gateway ↔ department transport. `off`: plain HTTP (loopback, the default); `dev`: a
 * development CA and certificates created under `<dataDir>/tls/`; `files`: the CA, the
 * gateway's client certificate and key from the given files (production). With TLS on, the
 * gateway reaches departments over HTTPS only, presenting its client certificate.
 */
export const tlsConfig = z
  .object({
    mode: z.enum(['off', 'dev', 'files']).default('off'),
    /** The CA the departments' server certificates chain to (and the gateway's, for them). */
    caFile: z.string().optional(),
    /** The gateway's client certificate and its key. */
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    /** The subject CN departments require of the gateway's client certificate; the gateway checks its own at start-up. */
    gatewayName: z.string().min(1).default(DEFAULT_GATEWAY_NAME),
  })
  .refine((tls) => tls.mode !== 'files' || (tls.caFile && tls.certFile && tls.keyFile), {
    message: 'TLS from files needs GOVGRAPH_TLS_CA, GOVGRAPH_TLS_CERT and GOVGRAPH_TLS_KEY',
  });

export type TlsConfig = z.infer<typeof tlsConfig>;

export const TLS_ENV = {
  mode: 'GOVGRAPH_TLS',
  caFile: 'GOVGRAPH_TLS_CA',
  certFile: 'GOVGRAPH_TLS_CERT',
  keyFile: 'GOVGRAPH_TLS_KEY',
  gatewayName: 'GOVGRAPH_TLS_GATEWAY_NAME',
} as const;

/** `GOVGRAPH_TLS=1` with no files: the development CA; with the three files: those. */
export function tlsFromEnv(env: Env): unknown {
  const on = envBoolean(env, TLS_ENV.mode);
  const caFile = envValue(env, TLS_ENV.caFile);
  const certFile = envValue(env, TLS_ENV.certFile);
  const keyFile = envValue(env, TLS_ENV.keyFile);
  const mode = on === undefined || on === false ? 'off' : on === true ? (caFile || certFile || keyFile ? 'files' : 'dev') : on;
  return { mode, caFile, certFile, keyFile, gatewayName: envValue(env, TLS_ENV.gatewayName) };
}
