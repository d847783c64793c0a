import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApplicationStatisticsCell, EnterpriseStatisticsRow, LicenseStatisticsRow, PersonStatisticsCell } from '../../subgraphs/analysis/statistics/extracts';

/** The four statistical extracts, as the departments would serve them (analysis contract). */
export interface StatisticsExtracts {
  populationStatisticsExtract: PersonStatisticsCell[];
  enterpriseStatisticsExtract: EnterpriseStatisticsRow[];
  licenseStatisticsExtract: LicenseStatisticsRow[];
  applicationStatisticsExtract: ApplicationStatisticsCell[];
}

/**
 * A stand-in for the gateway in front of the four departments' statistical extracts, until
 * they serve them: each request asks for one extract field and gets the rows given, or a
 * GraphQL error while that field is made to fail. It records each request's field and purpose.
 */
export interface FakeStatisticsGraph {
  url: string;
  requests: { field: string; purpose: string | null }[];
  /** While set, requests for this field answer `{ data: { field: null }, errors: [...] }`, as a denial or a failing department. */
  failing: Set<keyof StatisticsExtracts>;
  close(): Promise<void>;
}

export async function startFakeStatisticsGraph(extracts: StatisticsExtracts): Promise<FakeStatisticsGraph> {
  const requests: FakeStatisticsGraph['requests'] = [];
  const failing = new Set<keyof StatisticsExtracts>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string };
      const field = (Object.keys(extracts) as (keyof StatisticsExtracts)[]).find((name) => query.includes(name));
      const purpose = req.headers['x-purpose'];
      requests.push({ field: field ?? '?', purpose: typeof purpose === 'string' ? purpose : null });
      const body = !field
        ? { errors: [{ message: 'fakeStatisticsGraph: not an extract' }] }
        : failing.has(field)
          ? { data: { [field]: null }, errors: [{ message: 'department unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }
          : { data: { [field]: extracts[field] } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    failing,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
