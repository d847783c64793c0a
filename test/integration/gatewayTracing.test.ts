import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigOf } from '../../gateway/config';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * Traces from a real gateway (`observability.tracing`) to a stand-in OTLP collector: the
 * request's span carries the id the client got in `x-request-id` (the one the audit ledger
 * holds), and each department fetch is a child of it.
 */
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** Collects what is posted to `/v1/traces` (OTLP over HTTP, JSON). */
async function startCollector() {
  const spans: OtlpSpan[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      const parsed = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const resource of parsed.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (span: OtlpSpan | undefined, key: string) => span?.attributes.find((a) => a.key === key)?.value.stringValue;

describe('gateway tracing', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let stack: FixtureStack | undefined;
  let requestId: string | null;

  beforeAll(async () => {
    collector = await startCollector();
    stack = await startFixtureStack({ gateway: { config: gatewayConfigOf({ observability: { tracing: true, otlpEndpoint: collector.url } }) } });
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Things { things { id colour } }' }),
    });
    await response.json();
    requestId = response.headers.get('x-request-id');
    // Closing the gateway sends the spans still batched.
    await stack.close();
    stack = undefined;
  });

  afterAll(async () => {
    await stack?.close();
    await collector?.close();
  });

  it("sends the request's span, carrying the request id the client was given, to the collector's /v1/traces", () => {
    const request = collector.spans.find((span) => span.name === 'graphql request');
    expect([attribute(request, 'govgraph.request_id'), collector.paths[0]]).toEqual([requestId, '/v1/traces']);
  });

  it("sends a span for each department fetch, a child of the request's span", () => {
    const request = collector.spans.find((span) => span.name === 'graphql request');
    const fetches = collector.spans.filter((span) => span.name.startsWith('fetch '));
    expect(fetches.map((span) => [span.name, span.parentSpanId, span.traceId]).sort()).toEqual([
      ['fetch alpha', request?.spanId, request?.traceId],
      ['fetch beta', request?.spanId, request?.traceId],
    ]);
  });
});
