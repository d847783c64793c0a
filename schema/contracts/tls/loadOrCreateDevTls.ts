import { randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_GATEWAY_NAME } from './TlsMaterial';

/** The development material under `<dataDir>/tls/`, by file. */
export interface DevTlsFiles {
  dir: string;
  /** The development CA's certificate, which both sides trust… */
  caCert: string;
  /** …and its key (kept, readable by its owner only, so more certificates can be issued for development). */
  caKey: string;
  /** The departments' server certificate, for 127.0.0.1, ::1 and localhost. */
  serverCert: string;
  serverKey: string;
  /** The gateway's client certificate (CN `govgraph-gateway`, clientAuth). */
  gatewayCert: string;
  gatewayKey: string;
}

const FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  serverCert: 'department.crt',
  serverKey: 'department.key',
  gatewayCert: 'gateway.crt',
  gatewayKey: 'gateway.key',
} as const;
const PRIVATE = new Set(['caKey', 'serverKey', 'gatewayKey']);
/** Recreated when a certificate has less than this left, so a reused set never expires under a running stack. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

export function devTlsFilesIn(dir: string): DevTlsFiles {
  const files = Object.fromEntries(Object.entries(FILES).map(([key, name]) => [key, path.join(dir, name)]));
  return { dir, ...files } as DevTlsFiles;
}

function usable(files: DevTlsFiles): boolean {
  try {
    for (const key of ['caCert', 'serverCert', 'gatewayCert'] as const) {
      const cert = new X509Certificate(fs.readFileSync(files[key]));
      if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
    }
    return ['caKey', 'serverKey', 'gatewayKey'].every((key) => fs.existsSync(files[key as keyof typeof FILES]));
  } catch {
    return false;
  }
}

async function writeNewSet(dir: string): Promise<void> {
  // Loaded only when a set is made: the certificate library is not needed to serve.
  const { createCertificateAuthority } = require('./createCertificateAuthority') as typeof import('./createCertificateAuthority');
  const { issueCertificate } = require('./issueCertificate') as typeof import('./issueCertificate');
  const ca = await createCertificateAuthority({ commonName: 'govgraph development CA', days: 5 * 365 });
  const server = await issueCertificate(ca, { commonName: 'govgraph-department', usage: 'server', hosts: ['127.0.0.1', '::1', 'localhost'], days: 365 });
  const gateway = await issueCertificate(ca, { commonName: DEFAULT_GATEWAY_NAME, usage: 'client', days: 365 });
  const pem = { caCert: ca.cert, caKey: ca.key, serverCert: server.cert, serverKey: server.key, gatewayCert: gateway.cert, gatewayKey: gateway.key };
  fs.mkdirSync(dir, { mode: 0o700 });
  for (const [key, name] of Object.entries(FILES)) {
    fs.writeFileSync(path.join(dir, name), pem[key as keyof typeof pem], { mode: PRIVATE.has(key) ? 0o600 : 0o644 });
  }
}

/**
 * The development CA and certificates under `dir` (`<dataDir>/tls/`), created on first use and
 * reused after (recreated whole when incomplete or near expiry). A set is written beside `dir`
 * and renamed into place, so processes starting together never see half of one and agree on
 * the first that landed. Never for production: there the files come from configuration.
 */
export async function loadOrCreateDevTls(dir: string): Promise<DevTlsFiles> {
  const files = devTlsFilesIn(dir);
  if (usable(files)) return files;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = `${dir}.new-${randomBytes(6).toString('hex')}`;
  await writeNewSet(staging);
  if (fs.existsSync(dir) && !usable(files)) fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another process put its set in place first: use that one.
    if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '') || !usable(files)) throw error;
  }
  return files;
}
