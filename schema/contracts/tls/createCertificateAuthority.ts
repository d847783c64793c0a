import { generateSigningKeys, privateKeyPem, SIGNING_ALGORITHM, x509 } from './x509';

/** A certificate authority: its certificate and private key, in PEM. */
export interface CertificateAuthority {
  cert: string;
  key: string;
}

const DAY_MS = 86_400_000;

/** A self-signed CA that may sign end-entity certificates only (path length 0). */
export async function createCertificateAuthority(options: { commonName: string; days: number }): Promise<CertificateAuthority> {
  const keys = await generateSigningKeys();
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${options.commonName}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + options.days * DAY_MS),
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}
