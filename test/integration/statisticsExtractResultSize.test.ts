import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { market } from '../../subgraphs/market';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

/**
 * A statistical extract is a flat list as long as the registry (25,000 enterprises at scale
 * 50): the result-size limit, which stops nested lists growing as items^depth, counts it as one item.
 */
let running: TestSubgraph;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-extract-size-'));
  running = await startTestSubgraph(market, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 }, budget: { maxResultItems: 5 } });
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('an extract longer than the result-size limit → every row', async () => {
  const { body } = await running.request('{ enterpriseStatisticsExtract { creditCode } }');
  expect(body.errors).toBeUndefined();
  expect(body.data.enterpriseStatisticsExtract).toHaveLength(50);
});

it('an ordinary list longer than the limit → RESULT_TOO_LARGE still', async () => {
  const { body } = await running.request('{ enterprises(first: 10) { edges { node { creditCode } } } }');
  expect(body.errors?.[0]?.extensions?.code).toBe('RESULT_TOO_LARGE');
});
