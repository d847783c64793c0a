import { GATEWAY_ENV, gatewayConfigOf, readGatewayConfig } from '../../gateway/config';

describe('gateway configuration', () => {
  it('no variables set → every default', () => {
    expect(readGatewayConfig({})).toEqual(gatewayConfigOf());
  });

  it('NODE_ENV=production → production mode', () => {
    expect(readGatewayConfig({ NODE_ENV: 'production' }).mode).toBe('production');
  });

  it('a number setting given as a number → that number', () => {
    expect(readGatewayConfig({ GOVGRAPH_MAX_DEPTH: '12' }).limits.maxDepth).toBe(12);
  });

  it('a number setting given as text → start-up refused naming the variable and its value', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_MAX_DEPTH: 'ten' })).toThrow(/GOVGRAPH_MAX_DEPTH='ten'/);
  });

  it('GOVGRAPH_DENIED_FIELDS other than null or reject → refused naming the variable', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_DENIED_FIELDS: 'hide' })).toThrow(/GOVGRAPH_DENIED_FIELDS='hide'/);
  });

  it('GOVGRAPH_POLICIES=off → policies not enforced', () => {
    expect(readGatewayConfig({ GOVGRAPH_POLICIES: 'off' }).enforcePolicies).toBe(false);
  });

  it('cost budgets as role=number pairs → a budget per role', () => {
    expect(readGatewayConfig({ GOVGRAPH_COST_BUDGETS: 'anonymous=100, default=5000, officer=9000' }).limits.cost.budgets).toEqual({ anonymous: 100, default: 5000, officer: 9000 });
  });

  it('GOVGRAPH_TLS=1 without files → the development CA', () => {
    expect(readGatewayConfig({ GOVGRAPH_TLS: '1' }).tls.mode).toBe('dev');
  });

  it('GOVGRAPH_TLS=1 with only some of the files → refused saying which are needed', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_TLS: '1', GOVGRAPH_TLS_CA: '/etc/ca.pem' })).toThrow(/GOVGRAPH_TLS_CERT and GOVGRAPH_TLS_KEY/);
  });

  it('GOVGRAPH_TRUST_PROXY as a hop count → that number', () => {
    expect(readGatewayConfig({ GOVGRAPH_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('GOVGRAPH_WRITE_BACK_AUDIT=off → settled write-backs not recorded', () => {
    expect([readGatewayConfig({}).audit.writeBacks, readGatewayConfig({ GOVGRAPH_WRITE_BACK_AUDIT: 'off' }).audit.writeBacks]).toEqual([true, false]);
  });

  it('GOVGRAPH_EVENTS_POLL_MS and the stream limits → the events settings', () => {
    expect(readGatewayConfig({ GOVGRAPH_EVENTS_POLL_MS: '100', GOVGRAPH_EVENTS_MAX_PER_READER: '3', GOVGRAPH_EVENTS_MAX_STREAMS: '50' }).events).toEqual({
      pollMs: 100,
      heartbeatMs: 15_000,
      maxStreamsPerReader: 3,
      maxStreams: 50,
    });
  });

  it('every setting → one environment variable, none named twice', () => {
    const names = Object.values(GATEWAY_ENV);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('gateway configuration errors', () => {
  it('a secret that does not validate → refused naming the variable, never repeating its value', () => {
    let message = '';
    try {
      readGatewayConfig({ GOVGRAPH_JWT_SECRET: 'short-but-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect({ names: message.includes('GOVGRAPH_JWT_SECRET'), repeats: message.includes('short-but-secret') }).toEqual({ names: true, repeats: false });
  });
});
