import type { X509Certificate } from 'node:crypto';
import { CLIENT_AUTH } from './TlsMaterial';

/** The subject's common name, from Node's one-attribute-per-line form (`CN=govgraph-gateway`). */
function commonNameOf(cert: X509Certificate): string | undefined {
  return cert.subject
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3);
}

/**
 * Why a certificate is not the gateway's, or null when it is: its subject CN must be the
 * gateway's name and its extended key usage must include TLS client authentication. A valid
 * chain alone is not enough: the same CA signs the departments' certificates, and in
 * production perhaps other clients'.
 */
export function gatewayCertificateProblem(cert: X509Certificate, gatewayName: string): string | null {
  const commonName = commonNameOf(cert);
  if (commonName !== gatewayName) return `its subject CN is ${commonName === undefined ? 'absent' : `'${commonName}'`}, not '${gatewayName}'`;
  // Node's X509Certificate lists the extended key usages as `keyUsage`.
  if (!cert.keyUsage?.includes(CLIENT_AUTH)) return 'its extended key usage does not include TLS client authentication';
  return null;
}
