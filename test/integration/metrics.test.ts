import { RESIDENT_ID_NUMBER_PATTERN } from '../../policies/masks';
import { citizen } from '../support/gatewayTokens';
import { graphqlRequest } from '../support/graphqlRequest';
import { metricValue, parseMetrics, type MetricSample } from '../support/metricsText';
import { OFFICER, startStack, type Stack } from '../support/startStack';

/**
 * `/metrics` on the gateway and on a department, read after served requests, requests with
 * a withheld field (by the gateway, by the department), a refused token, a body that is not
 * JSON, a request to a department without the gateway's token, and an operation named after
 * an ID number.
 */
describe('metrics', () => {
  let stack: Stack;
  let ids: string[];
  let citizenToken: string;
  let gatewayText: string;
  let departmentText: string;
  let gateway: MetricSample[];
  let population: MetricSample[];

  const scrape = async (graphqlUrl: string) => {
    const response = await fetch(new URL('/metrics', graphqlUrl));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05 });
    const people = await stack.request('query People { people(first: 2) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    ids = people.body.data.people.edges.map((e: { node: { idNumber: string } }) => e.node.idNumber);
    await stack.request('query PersonCard($id: ID!) { person(idNumber: $id) { name gender } }', { id: ids[0] }, { as: OFFICER });
    citizenToken = await stack.tokenFor(citizen(ids[1]));
    await stack.request('query PhoneOf($id: ID!) { person(idNumber: $id) { phone } }', { id: ids[0] }, { headers: { authorization: `Bearer ${citizenToken}` } });
    await stack.request('query CatalogPage { catalog(first: 1) { totalCount } }');
    await stack.request('query PersonCard { people(first: 1) { totalCount } }', {}, { headers: { authorization: 'Bearer not-a-token' } });
    await stack.request(`query Lookup${ids[0]}($id: ID!) { person(idNumber: $id) { name } }`, { id: ids[0] }, { as: OFFICER });
    await graphqlRequest(stack.subgraphs.population.url, '{ people(first: 1) { totalCount } }');
    await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${'__typename '.repeat(6000)}}` }) });
    gatewayText = await scrape(stack.gateway.url);
    departmentText = await scrape(stack.subgraphs.population.url);
    gateway = parseMetrics(gatewayText);
    population = parseMetrics(departmentText);
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('on the gateway', () => {
    it('counts a served request under its operation name, outcome ok', () => {
      expect(metricValue(gateway, 'govgraph_gateway_requests_total', { operation: 'PersonCard', outcome: 'ok' })).toBe(1);
    });

    it('counts a request with a field the gateway withheld as outcome errors, with the denied coordinate', () => {
      expect([
        metricValue(gateway, 'govgraph_gateway_requests_total', { operation: 'CatalogPage', outcome: 'errors' }),
        metricValue(gateway, 'govgraph_gateway_policy_denials_total', { coordinate: 'Query.catalog' }),
      ]).toEqual([1, 1]);
    });

    it("counts FORBIDDEN for the gateway's denial and the department's (another resident's phone)", () => {
      expect([
        metricValue(gateway, 'govgraph_gateway_requests_total', { operation: 'PhoneOf', outcome: 'errors' }),
        metricValue(gateway, 'govgraph_gateway_errors_total', { code: 'FORBIDDEN' }),
      ]).toEqual([1, 2]);
    });

    it('counts a refused token as rejected, UNAUTHENTICATED', () => {
      expect(metricValue(gateway, 'govgraph_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    });

    it('counts a body that is not JSON as rejected, BAD_REQUEST', () => {
      expect(metricValue(gateway, 'govgraph_gateway_errors_total', { code: 'BAD_REQUEST' })).toBe(1);
    });

    it('counts a document refused before parsing (over the token limit) as MAX_TOKENS_EXCEEDED', () => {
      expect(metricValue(gateway, 'govgraph_gateway_errors_total', { code: 'MAX_TOKENS_EXCEEDED' })).toBe(1);
    });

    it('counts the requests refused before an operation was resolved under (unresolved)', () => {
      expect(metricValue(gateway, 'govgraph_gateway_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(3);
    });

    it('observes the latency of the requests that reached the pipeline', () => {
      expect(metricValue(gateway, 'govgraph_gateway_request_duration_seconds_count')).toBe(5);
    });
  });

  describe('on a department', () => {
    it('counts the requests the gateway sent it, labelled with the department', () => {
      expect(metricValue(population, 'govgraph_department_requests_total', { department: 'population', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    });

    it("counts a request without the gateway's token as (unresolved), rejected", () => {
      expect(metricValue(population, 'govgraph_department_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(1);
    });

    it('shows its SQL statements and its disclosure-log writes', () => {
      expect([
        metricValue(population, 'govgraph_department_sql_statements_total')! > 0,
        metricValue(population, 'govgraph_department_disclosure_writes_total', { result: 'ok' })! > 0,
      ]).toEqual([true, true]);
    });

    it('shows no request in flight once every request is answered', () => {
      expect(metricValue(population, 'govgraph_department_requests_in_flight')).toBe(0);
    });
  });

  it("exposes the process's own metrics on both", () => {
    const names = [gateway, population].map((samples) =>
      ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds'].every((name) => samples.some((s) => s.name === name)),
    );
    expect(names).toEqual([true, true]);
  });

  it('carries no personal data in any label: no ID number, no subject, no token', () => {
    const idNumber = new RegExp(RESIDENT_ID_NUMBER_PATTERN);
    const leaks = [gatewayText, departmentText].filter(
      (text) => idNumber.test(text) || ids.some((id) => text.includes(id)) || text.includes(citizenToken) || text.includes('not-a-token'),
    );
    expect(leaks).toEqual([]);
  });

  it('counts the operation named after an ID number as (other)', () => {
    expect(metricValue(gateway, 'govgraph_gateway_requests_total', { operation: '(other)' })).toBe(1);
  });
});
