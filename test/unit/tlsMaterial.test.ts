import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayCertificateProblem, loadOrCreateDevTls, readTlsMaterial, SERVER_AUTH, TlsMaterialError, type DevTlsFiles } from '../../schema/contracts/tls';
import { issueCertificate } from '../../schema/contracts/tls/issueCertificate';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-tls-'));
const certOf = (file: string) => new X509Certificate(fs.readFileSync(file));
const signedBy = (cert: X509Certificate, ca: X509Certificate) => cert.checkIssued(ca) && cert.verify(ca.publicKey);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the development TLS material', () => {
  let files: DevTlsFiles;
  let firstCa: string;

  beforeAll(async () => {
    files = await loadOrCreateDevTls(path.join(root, 'tls'));
    firstCa = fs.readFileSync(files.caCert, 'utf8');
  });

  it('is created under the given directory on first use', () => {
    expect(fs.readdirSync(files.dir).sort()).toEqual(['ca.crt', 'ca.key', 'department.crt', 'department.key', 'gateway.crt', 'gateway.key']);
  });

  it('is reused by the next start rather than created again', async () => {
    const again = await loadOrCreateDevTls(files.dir);
    expect(fs.readFileSync(again.caCert, 'utf8')).toBe(firstCa);
  });

  it('keeps each private key readable by its owner only', () => {
    for (const key of [files.caKey, files.serverKey, files.gatewayKey]) expect(fs.statSync(key).mode & 0o777).toBe(0o600);
  });

  it('keeps its directory closed to other users', () => {
    expect(fs.statSync(files.dir).mode & 0o777).toBe(0o700);
  });

  it("has the CA sign the departments' server certificate", () => {
    expect(signedBy(certOf(files.serverCert), certOf(files.caCert))).toBe(true);
  });

  it("has the CA sign the gateway's client certificate", () => {
    expect(signedBy(certOf(files.gatewayCert), certOf(files.caCert))).toBe(true);
  });

  it('makes the CA a CA and the others not', () => {
    expect([certOf(files.caCert).ca, certOf(files.serverCert).ca, certOf(files.gatewayCert).ca]).toEqual([true, false, false]);
  });

  it('makes the server certificate a TLS server certificate for the loopback names', () => {
    const server = certOf(files.serverCert);
    expect([server.checkIP('127.0.0.1'), server.checkIP('::1'), server.checkHost('localhost'), server.keyUsage]).toEqual(['127.0.0.1', '::1', 'localhost', [SERVER_AUTH]]);
  });

  it("recognises the gateway's client certificate as the gateway's", () => {
    expect(gatewayCertificateProblem(certOf(files.gatewayCert), 'govgraph-gateway')).toBeNull();
  });

  it("does not take the departments' server certificate for the gateway's", () => {
    expect(gatewayCertificateProblem(certOf(files.serverCert), 'govgraph-gateway')).toBe("its subject CN is 'govgraph-department', not 'govgraph-gateway'");
  });

  it("does not take a client certificate of the same CA with another name for the gateway's", async () => {
    const other = await issueCertificate({ cert: firstCa, key: fs.readFileSync(files.caKey, 'utf8') }, { commonName: 'other-client', usage: 'client', days: 1 });
    expect(gatewayCertificateProblem(new X509Certificate(other.cert), 'govgraph-gateway')).toBe("its subject CN is 'other-client', not 'govgraph-gateway'");
  });

  it("does not take a certificate with the gateway's name but not for TLS clients for the gateway's", async () => {
    const server = await issueCertificate(
      { cert: firstCa, key: fs.readFileSync(files.caKey, 'utf8') },
      { commonName: 'govgraph-gateway', usage: 'server', hosts: ['localhost'], days: 1 },
    );
    expect(gatewayCertificateProblem(new X509Certificate(server.cert), 'govgraph-gateway')).toBe('its extended key usage does not include TLS client authentication');
  });
});

describe('creating the development TLS material', () => {
  it('creates a whole new set when one file of it is missing', async () => {
    const dir = path.join(root, 'incomplete');
    const first = await loadOrCreateDevTls(dir);
    const ca = fs.readFileSync(first.caCert, 'utf8');
    fs.rmSync(first.gatewayKey);
    const second = await loadOrCreateDevTls(dir);
    expect([fs.existsSync(second.gatewayKey), fs.readFileSync(second.caCert, 'utf8') === ca]).toEqual([true, false]);
  });

  it('leaves one whole set, and nothing half-written, when several starts create it at once', async () => {
    const dir = path.join(root, 'together');
    const [files] = await Promise.all([loadOrCreateDevTls(dir), loadOrCreateDevTls(dir), loadOrCreateDevTls(dir)]);
    const ca = certOf(files.caCert);
    expect([signedBy(certOf(files.serverCert), ca), signedBy(certOf(files.gatewayCert), ca)]).toEqual([true, true]);
    expect(fs.readdirSync(root).filter((name) => name.startsWith('together.'))).toEqual([]);
  });
});

describe('readTlsMaterial', () => {
  const entry = (file: string, setting: string) => ({ file, setting });

  it('names the setting and the file it cannot read', () => {
    const files = {
      ca: entry('/nonexistent/ca.crt', 'GOVGRAPH_TLS_CA'),
      cert: entry('/nonexistent/c.crt', 'GOVGRAPH_TLS_CERT'),
      key: entry('/nonexistent/c.key', 'GOVGRAPH_TLS_KEY'),
    };
    expect(() => readTlsMaterial(files)).toThrow(new TlsMaterialError('GOVGRAPH_TLS_CA=/nonexistent/ca.crt: cannot read the CA certificate (ENOENT)'));
  });

  it("refuses a private key that is not the certificate's", async () => {
    const dev = await loadOrCreateDevTls(path.join(root, 'tls'));
    const files = { ca: entry(dev.caCert, 'GOVGRAPH_TLS_CA'), cert: entry(dev.gatewayCert, 'GOVGRAPH_TLS_CERT'), key: entry(dev.serverKey, 'GOVGRAPH_TLS_KEY') };
    expect(() => readTlsMaterial(files)).toThrow(`GOVGRAPH_TLS_KEY=${dev.serverKey} is not the private key of the certificate GOVGRAPH_TLS_CERT=${dev.gatewayCert}`);
  });

  it('refuses a file that is not PEM', async () => {
    const dev = await loadOrCreateDevTls(path.join(root, 'tls'));
    const files = { ca: entry(dev.caCert, 'GOVGRAPH_TLS_CA'), cert: entry(dev.gatewayKey, 'GOVGRAPH_TLS_CERT'), key: entry(dev.gatewayKey, 'GOVGRAPH_TLS_KEY') };
    expect(() => readTlsMaterial(files)).toThrow(`GOVGRAPH_TLS_CERT=${dev.gatewayKey}: not a PEM certificate`);
  });
});
