import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { TlsFiles, TlsMaterial } from './TlsMaterial';

/** A TLS file that cannot be used: the message names the setting, the file and what is wrong. */
export class TlsMaterialError extends Error {}

function read(entry: { file: string; setting: string }, what: string): string {
  try {
    return fs.readFileSync(entry.file, 'utf8');
  } catch (error) {
    throw new TlsMaterialError(`${entry.setting}=${entry.file}: cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function parsed<T>(entry: { file: string; setting: string }, what: string, parse: () => T): T {
  try {
    return parse();
  } catch {
    throw new TlsMaterialError(`${entry.setting}=${entry.file}: not a PEM ${what}`);
  }
}

/**
 * Reads a side's CA, certificate and key, and checks before anything listens or connects
 * that each parses and that the key belongs to the certificate.
 */
export function readTlsMaterial(files: TlsFiles): TlsMaterial {
  const ca = read(files.ca, 'CA certificate');
  const cert = read(files.cert, 'certificate');
  const key = read(files.key, 'private key');
  parsed(files.ca, 'CA certificate', () => new X509Certificate(ca));
  const certificate = parsed(files.cert, 'certificate', () => new X509Certificate(cert));
  const privateKey: KeyObject = parsed(files.key, 'private key', () => createPrivateKey(key));
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TlsMaterialError(`${files.key.setting}=${files.key.file} is not the private key of the certificate ${files.cert.setting}=${files.cert.file}`);
  }
  return { ca, cert, key };
}
