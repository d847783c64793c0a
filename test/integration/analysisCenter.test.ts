import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Identity, StatisticsSettings } from '../../policies';
import { analysisDepartment } from '../../subgraphs/analysis';
import { createRandom } from '../../subgraphs/kit';
import { CODES } from '../../schema/contracts/errorCodes';
import { fakePolicySet, startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { startFakeStatisticsGraph, type FakeStatisticsGraph } from '../support/fakeStatisticsGraph';

/**
 * The analysis center alone, over a stand-in graph serving known extracts (until the
 * departments serve theirs): the figures through its GraphQL API, who may ask, the snapshot,
 * a department that cannot answer, and noise with its budget.
 */
const ANALYST: Identity = { sub: 'staff-analyst-1', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const MANAGER: Identity = { sub: 'staff-manager-1', roles: ['manager'], dept: 'services', clearance: 2 };
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 4 };

const counties = ['130102', '130104', '130202'];
// 30 residents per county and sex, born 1990; 3 more women in 130102, born 1950.
const population = [
  ...counties.flatMap((division) => ['1', '2'].map((sex) => ({ division, sex, birthYear: 1990, count: 30 }))),
  { division: '130102', sex: '2', birthYear: 1950, count: 3 },
];
// 20 enterprises per county; the first 5 of each hold a valid food permit, the 6th one expired on 2020-01-01.
const enterprises = counties.flatMap((division) =>
  Array.from({ length: 20 }, (_, i) => ({ creditCode: `91${division}${String(i).padStart(10, '0')}`, kind: 'LLC', status: 'ACTIVE', division, establishedYear: 2015 })),
);
const licences = counties.flatMap((division) =>
  Array.from({ length: 6 }, (_, i) => ({
    holderCreditCode: `91${division}${String(i).padStart(10, '0')}`,
    kind: 'FOOD_OPERATION_PERMIT',
    status: 'VALID',
    validUntil: i === 5 ? '2020-01-01' : '2099-01-01',
    count: 1,
  })),
);
// Item ITEM-A: 12 completed in 2026-01 in 2 working days (rated 4), 12 completed in 6 (rated 2, overdue); ITEM-B: 15 submitted.
const applications = [
  {
    item: 'ITEM-A',
    handlingDepartment: 'population',
    month: '2026-01',
    status: 'COMPLETED',
    division: '130102',
    ageBand: '30-39',
    workingDays: 2,
    overdue: false,
    rating: 4,
    count: 12,
  },
  {
    item: 'ITEM-A',
    handlingDepartment: 'population',
    month: '2026-01',
    status: 'COMPLETED',
    division: '130104',
    ageBand: '30-39',
    workingDays: 6,
    overdue: true,
    rating: 2,
    count: 12,
  },
  {
    item: 'ITEM-B',
    handlingDepartment: 'market',
    month: '2026-02',
    status: 'SUBMITTED',
    division: '130202',
    ageBand: '60+',
    workingDays: null,
    overdue: false,
    rating: null,
    count: 15,
  },
];

const EXACT: StatisticsSettings = { minGroupSize: 10, noise: null, epsilonPerDay: null };
let settings: StatisticsSettings = EXACT;
let clock = new Date('2026-06-01T02:00:00Z');
let graph: FakeStatisticsGraph;
let analysis: TestSubgraph;
let dataDir: string;

beforeAll(async () => {
  graph = await startFakeStatisticsGraph({
    populationStatisticsExtract: population,
    enterpriseStatisticsExtract: enterprises,
    licenseStatisticsExtract: licences,
    applicationStatisticsExtract: applications,
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-analysis-'));
  const random = createRandom(42, 'analysis-center-test');
  const policies = { ...fakePolicySet(), statistics: () => settings };
  analysis = await startTestSubgraph(analysisDepartment({ uniform: () => random.next(), now: () => clock }), {
    port: 0,
    dataDir,
    databaseUrl: null,
    graphUrl: graph.url,
    policies,
    watchPolicies: false,
    env: { GOVGRAPH_ANALYSIS_REFRESH_SECONDS: '60' },
  });
});

afterAll(async () => {
  await analysis?.close();
  await graph?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A new snapshot on the next query: the clock moves past the refresh interval. */
const nextSnapshot = () => (clock = new Date(clock.getTime() + 61_000));

const SERVICE_QUERY = `query($groupBy: [ServiceGroupBy!]!) { serviceStatistics(from: "2026-01", to: "2026-12", groupBy: $groupBy) {
  asOf minGroupSize noise { epsilon } totalSuppressed
  groups { key { dimension value label } suppressed applications completed overdue medianWorkingDays p90WorkingDays meanRating ratingDistribution }
  total { applications overdue } } }`;
const POPULATION_QUERY = `query($groupBy: [PopulationGroupBy!]!, $filter: PopulationStatisticsFilter, $level: DivisionLevel) {
  populationStatistics(groupBy: $groupBy, filter: $filter, divisionLevel: $level) { asOf minGroupSize noise { mechanism epsilon bound95 } groups { key { value label } count suppressed } total totalSuppressed } }`;

describe('analysis center', () => {
  it('an analyst asks for service performance by item → figures of the known applications, with the snapshot time', async () => {
    const { body } = await analysis.request(SERVICE_QUERY, { groupBy: ['ITEM'] }, ANALYST);
    expect(body.errors).toBeUndefined();
    expect(body.data.serviceStatistics).toMatchObject({ asOf: clock.toISOString(), minGroupSize: 10, noise: null, total: { applications: 39, overdue: 12 } });
    expect(body.data.serviceStatistics.groups).toEqual([
      {
        key: [{ dimension: 'ITEM', value: 'ITEM-A', label: null }],
        suppressed: false,
        applications: 24,
        completed: 24,
        overdue: 12,
        medianWorkingDays: 2,
        p90WorkingDays: 6,
        meanRating: 3,
        ratingDistribution: [0, 12, 0, 12, 0],
      },
      {
        key: [{ dimension: 'ITEM', value: 'ITEM-B', label: null }],
        suppressed: false,
        applications: 15,
        completed: 0,
        overdue: 0,
        medianWorkingDays: null,
        p90WorkingDays: null,
        meanRating: null,
        ratingDistribution: [0, 0, 0, 0, 0],
      },
    ]);
  });

  it('a manager asks for residents by city → counties rolled up and named', async () => {
    const { body } = await analysis.request(POPULATION_QUERY, { groupBy: ['DIVISION'], level: 'CITY' }, MANAGER);
    expect(body.data.populationStatistics.groups).toEqual([
      { key: [{ value: '130100', label: '石家庄市' }], count: 123, suppressed: false },
      { key: [{ value: '130200', label: '唐山市' }], count: 60, suppressed: false },
    ]);
  });

  it('residents by county and age band → the small group (three aged 60+) hidden with complementary ones, their counts null, the total kept', async () => {
    const byAge = await analysis.request(POPULATION_QUERY, { groupBy: ['DIVISION', 'AGE_BAND'] }, ANALYST);
    const hidden = byAge.body.data.populationStatistics.groups.filter((g: any) => g.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.every((g: any) => g.count === null)).toBe(true);
    expect(byAge.body.data.populationStatistics.total).toBe(183);
  });

  it('enterprises by county with the share holding a valid food permit → the join by credit code, expired licences left out', async () => {
    const { body } = await analysis.request(
      '{ licensedEnterpriseShare(kind: "FOOD_OPERATION_PERMIT") { kind groups { key { value } enterprises licensed share } total { enterprises licensed share } } }',
      {},
      ANALYST,
    );
    expect(body.data.licensedEnterpriseShare.groups).toEqual(counties.map((value) => ({ key: [{ value }], enterprises: 20, licensed: 5, share: 0.25 })));
    expect(body.data.licensedEnterpriseShare.total).toEqual({ enterprises: 60, licensed: 15, share: 0.25 });
  });

  it('several queries within the refresh interval → one snapshot, each extract pulled once under purpose statistics', async () => {
    const before = graph.requests.length;
    await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'] }, ANALYST);
    await analysis.request('{ enterpriseStatistics(groupBy: [KIND]) { groups { count } } }', {}, ANALYST);
    expect(graph.requests.length).toBe(before);
    expect(new Set(graph.requests.map((r) => r.field))).toEqual(
      new Set(['populationStatisticsExtract', 'enterpriseStatisticsExtract', 'licenseStatisticsExtract', 'applicationStatisticsExtract']),
    );
    expect(graph.requests.every((r) => r.purpose === 'statistics')).toBe(true);
  });

  it('a filter leaving fewer than the minimum → GROUP_TOO_SMALL and no figure', async () => {
    const { body } = await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'], filter: { ageBands: ['60+'] } }, ANALYST);
    expect(body.data.populationStatistics).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe(CODES.GROUP_TOO_SMALL);
  });

  it.each([
    ['a caseworker', CASEWORKER],
    ['an anonymous reader', null],
  ])('%s → FORBIDDEN, even with policies that let the field through', async (_, identity) => {
    const { body } = await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'] }, identity);
    expect(body.data?.populationStatistics ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe(CODES.FORBIDDEN);
  });

  it('market cannot give its extract → the snapshot in hand answers while the refresh runs; then enterprise figures SERVICE_UNAVAILABLE naming it, population figures still answer', async () => {
    graph.failing.add('enterpriseStatisticsExtract');
    nextSnapshot();
    const query = `{ enterpriseStatistics(groupBy: [KIND]) { total } populationStatistics(groupBy: [SEX]) { total } }`;
    try {
      const inHand = await analysis.request(query, {}, ANALYST);
      expect(inHand.body.data).toEqual({ enterpriseStatistics: { total: 60 }, populationStatistics: { total: 183 } });
      let body = inHand.body;
      // The refresh started by that query runs in the background; a query after it lands sees what it got.
      for (let attempt = 0; attempt < 50 && body.data?.enterpriseStatistics; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        body = (await analysis.request(query, {}, ANALYST)).body;
      }
      expect(body.data).toEqual({ enterpriseStatistics: null, populationStatistics: { total: 183 } });
      expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.department])).toEqual([[CODES.SERVICE_UNAVAILABLE, 'market']]);
    } finally {
      graph.failing.clear();
      nextSnapshot();
    }
  });

  describe('with noise (epsilon 1 per query, 2.5 per day)', () => {
    beforeAll(() => (settings = { minGroupSize: 10, noise: { mechanism: 'geometric', epsilon: 1 }, epsilonPerDay: 2.5 }));
    afterAll(() => (settings = EXACT));

    it('a noised figure → the mechanism, epsilon and 95% bound stated; counts near the true ones', async () => {
      const { body } = await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'] }, MANAGER);
      const figure = body.data.populationStatistics;
      expect(figure.noise).toEqual({ mechanism: 'geometric', epsilon: 1, bound95: 3 });
      const truth = [90, 93];
      expect(figure.groups.every((g: any, i: number) => Math.abs(g.count - truth[i]) <= 20)).toBe(true);
    });

    it('a noised figure → its epsilon spent from the reader’s budget for the day', async () => {
      const { body } = await analysis.request('{ myAnalysisBudget { epsilonLimit epsilonSpent epsilonRemaining resetsAt } }', {}, MANAGER);
      expect(body.data.myAnalysisBudget).toEqual({ epsilonLimit: 2.5, epsilonSpent: 1, epsilonRemaining: 1.5, resetsAt: '2026-06-01T16:00:00.000Z' });
    });

    it('over the budget → PRIVACY_BUDGET_EXHAUSTED, no figure, nothing more spent', async () => {
      await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'] }, MANAGER);
      const { body } = await analysis.request(POPULATION_QUERY, { groupBy: ['SEX'] }, MANAGER);
      expect(body.data.populationStatistics).toBeNull();
      expect(body.errors?.[0].extensions).toMatchObject({ code: CODES.PRIVACY_BUDGET_EXHAUSTED, epsilonRemaining: 0.5 });
      const budget = await analysis.request('{ myAnalysisBudget { epsilonSpent } }', {}, MANAGER);
      expect(budget.body.data.myAnalysisBudget.epsilonSpent).toBe(2);
    });

    it("another reader's budget → untouched", async () => {
      const { body } = await analysis.request('{ myAnalysisBudget { epsilonSpent } }', {}, ANALYST);
      expect(body.data.myAnalysisBudget.epsilonSpent).toBe(0);
    });
  });

  it('no policy asking for noise → no budget to report', async () => {
    const { body } = await analysis.request('{ myAnalysisBudget { epsilonLimit epsilonSpent } }', {}, ANALYST);
    expect(body.data.myAnalysisBudget).toEqual({ epsilonLimit: null, epsilonSpent: null });
  });
});
