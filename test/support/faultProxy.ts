import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forwardRequest';

/** What a fault proxy does with the next request: pass it on, answer 500, or never answer. */
export type FaultMode = 'pass' | 'fail' | 'hang';

/**
 * An HTTP proxy in front of a department that fails on demand, for breaker and timeout tests:
 * `mode` says what the next requests get; `requests` counts those that reached it.
 */
export interface FaultProxy {
  url: string;
  mode: FaultMode;
  requests: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const proxy: FaultProxy = { url: '', mode: 'pass', requests: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      proxy.requests++;
      if (proxy.mode === 'hang') return;
      if (proxy.mode === 'fail') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      forwardRequest(target, req, chunks, headers, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
