import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Counter, Registry } from 'prom-client';
import { metricsRoute } from '../../schema/contracts/metrics';

/** `GET /metrics`, open or behind a bearer token. */
const TOKEN = 'scrape-token-0123456789';

async function serve(token?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const registry = new Registry();
  new Counter({ name: 'example_total', help: 'An example.', registers: [registry] }).inc();
  const app = express().get('/metrics', metricsRoute(registry, token));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('metricsRoute', () => {
  it("without a token → the exposition text to anyone, in Prometheus's content type", async () => {
    const served = await serve();
    try {
      const response = await fetch(served.url);
      expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
        200,
        expect.stringMatching(/^text\/plain; version=0\.0\.4/),
        expect.stringContaining('example_total 1'),
      ]);
    } finally {
      await served.close();
    }
  });

  it('with a token → 401 UNAUTHENTICATED and no metrics for a scraper without it', async () => {
    const served = await serve(TOKEN);
    try {
      const response = await fetch(served.url, { headers: { authorization: 'Bearer wrong-token-0123456789' } });
      const body = await response.text();
      expect([response.status, JSON.parse(body).errors[0].extensions.code, body.includes('example_total')]).toEqual([401, 'UNAUTHENTICATED', false]);
    } finally {
      await served.close();
    }
  });

  it('with a token → the metrics for a scraper sending it as a bearer token', async () => {
    const served = await serve(TOKEN);
    try {
      const response = await fetch(served.url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect([response.status, await response.text()]).toEqual([200, expect.stringContaining('example_total 1')]);
    } finally {
      await served.close();
    }
  });

  it('refuses a token shorter than 16 characters at start-up, without quoting it', () => {
    expect(() => metricsRoute(new Registry(), 'short-secret')).toThrow(/^The metrics token \(GOVGRAPH_METRICS_TOKEN\) must be at least 16 characters long$/);
  });
});
