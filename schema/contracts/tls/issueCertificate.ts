import { webcrypto } from 'node:crypto';
import type { CertificateAuthority } from './createCertificateAuthority';
import { CLIENT_AUTH, SERVER_AUTH } from './TlsMaterial';
import { generateSigningKeys, privateKeyPem, SIGNING_ALGORITHM, x509 } from './x509';

export interface CertificateRequest {
  commonName: string;
  /** `server`: a TLS server (serverAuth) for `hosts`; `client`: a TLS client (clientAuth). */
  usage: 'server' | 'client';
  /** Host names and IP addresses a server certificate is valid for. */
  hosts?: string[];
  days: number;
}

const DAY_MS = 86_400_000;
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]*)$/i;

/**
 * A certificate and its fresh private key, signed by `ca`. Its extended key usage is one
 * purpose only, so a department's server certificate cannot serve as a client's: OpenSSL
 * refuses it at the handshake.
 */
export async function issueCertificate(ca: CertificateAuthority, request: CertificateRequest): Promise<{ cert: string; key: string }> {
  const keys = await generateSigningKeys();
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.key), SIGNING_ALGORITHM, false, ['sign']);
  const notBefore = new Date(Date.now() - 60_000);
  const names = (request.hosts ?? []).map((host) => ({ type: IP.test(host) ? ('ip' as const) : ('dns' as const), value: host }));
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${request.commonName}`,
    issuer: caCert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + request.days * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([request.usage === 'server' ? SERVER_AUTH : CLIENT_AUTH], false),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names, false)] : []),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}
