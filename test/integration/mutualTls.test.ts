import fs from 'node:fs';
import { issueCertificate } from '../../schema/contracts/tls/issueCertificate';
import { graphqlRequest } from '../support/graphqlRequest';
import { OFFICER, startStack, type Stack } from '../support/startStack';
import { tlsProbe } from '../support/tlsProbe';

const CROSS_DEPARTMENT = '{ enterprises(first: 2) { totalCount edges { node { name legalRepresentative { name } licenses { kind } } } } }';

/** The whole graph with gateway ↔ department traffic over mutual TLS (the development CA under `<dataDir>/tls/`). */
describe('mutual TLS between the gateway and the departments', () => {
  let stack: Stack;
  let ca: string;
  let populationUrl: string;

  beforeAll(async () => {
    stack = await startStack({ tls: true, scale: 0.05 });
    ca = fs.readFileSync(stack.tls!.caCert, 'utf8');
    populationUrl = stack.subgraphs.population.url;
  }, 60_000);

  afterAll(() => stack.close());

  it('departments serve HTTPS only', () => {
    for (const subgraph of Object.values(stack.subgraphs)) expect(subgraph.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  it('a query across departments is served through the gateway', async () => {
    const { body } = await stack.request(CROSS_DEPARTMENT, {}, { as: OFFICER });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises.edges[0].node.legalRepresentative.name).toEqual(expect.any(String));
    expect(body.data.enterprises.edges[0].node.licenses).toEqual(expect.any(Array));
  });

  it("the gateway's health checks reach every department over mutual TLS", async () => {
    const response = await fetch(new URL('/health', stack.gateway.url));
    const report = (await response.json()) as { status: string; subgraphs: Record<string, string> };
    expect(report.status).toBe('up');
    expect(Object.values(report.subgraphs).every((status) => status === 'up')).toBe(true);
  });

  it("a client with the gateway's certificate completes the handshake and is answered", async () => {
    const probe = await tlsProbe(populationUrl, { ca, cert: fs.readFileSync(stack.tls!.gatewayCert, 'utf8'), key: fs.readFileSync(stack.tls!.gatewayKey, 'utf8') });
    expect(probe.response).toMatch(/^HTTP\/1\.1 200/);
  });

  it('a client without a certificate is refused at the handshake', async () => {
    const probe = await tlsProbe(populationUrl, { ca });
    expect(probe).toEqual({ response: '', error: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
  });

  it("a client presenting a department's server certificate (a valid chain, not for TLS clients) is closed before its request is read", async () => {
    const probe = await tlsProbe(populationUrl, { ca, cert: fs.readFileSync(stack.tls!.serverCert, 'utf8'), key: fs.readFileSync(stack.tls!.serverKey, 'utf8') });
    expect(probe.response).toBe('');
  });

  it("a client certificate from the same CA that is not the gateway's is closed before its request is read", async () => {
    const other = await issueCertificate({ cert: ca, key: fs.readFileSync(stack.tls!.caKey, 'utf8') }, { commonName: 'some-other-service', usage: 'client', days: 1 });
    const probe = await tlsProbe(populationUrl, { ca, ...other });
    expect(probe.response).toBe('');
  });

  it('plain HTTP to a department gets no answer', async () => {
    await expect(graphqlRequest(populationUrl.replace('https:', 'http:'), '{ __typename }')).rejects.toThrow();
  });

  it("the gateway's certificate without a gateway token is still refused (401)", async () => {
    const { status, body } = await graphqlRequest(populationUrl, '{ __typename }', {}, {}, stack.subgraphFetcher.fetch);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
