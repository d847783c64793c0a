import type { ApplicationStatisticsCell, EnterpriseStatisticsRow, LicenseStatisticsRow } from '../../subgraphs/analysis/statistics/extracts';
import { licenceCoverageFigure, validHolders } from '../../subgraphs/analysis/statistics/licenceCoverageFigure';
import { EXACT } from '../../subgraphs/analysis/statistics/noiseFor';
import { percentileOf } from '../../subgraphs/analysis/statistics/percentileOf';
import { serviceFilters, serviceGrouping, type ServiceGroupBy } from '../../subgraphs/analysis/statistics/serviceGroupings';
import { serviceFigure } from '../../subgraphs/analysis/statistics/serviceFigure';
import { countFigure } from '../../subgraphs/analysis/statistics/countFigure';
import { enterpriseFilters, enterpriseGrouping } from '../../subgraphs/analysis/statistics/enterpriseGroupings';

const app = (item: string, month: string, status: string, extra: Partial<ApplicationStatisticsCell> = {}): ApplicationStatisticsCell => ({
  item,
  handlingDepartment: 'population',
  month,
  status,
  division: '130102',
  ageBand: '30-39',
  workingDays: null,
  overdue: false,
  rating: null,
  count: 1,
  ...extra,
});

// Item A: 20 completed in 2026-01 (working days 1..20, two overdue, rated 5 ×10 and 3 ×10), 5 rejected in 2026-02.
// Item B: 30 submitted in 2026-01, and 12 submitted in 2025-12 (outside the period asked).
const applications: ApplicationStatisticsCell[] = [
  ...Array.from({ length: 20 }, (_, i) => app('A', '2026-01', 'COMPLETED', { workingDays: i + 1, overdue: i >= 18, rating: i < 10 ? 5 : 3 })),
  app('A', '2026-02', 'REJECTED', { count: 5, division: '130104' }),
  app('B', '2026-01', 'SUBMITTED', { count: 30, ageBand: '60+' }),
  app('B', '2025-12', 'SUBMITTED', { count: 12 }),
];

function services(groupBy: ServiceGroupBy[], from = '2026-01', to = '2026-12') {
  return serviceFigure({
    rows: applications,
    groupBy: groupBy.map((by) => serviceGrouping(by, 'COUNTY')),
    filters: serviceFilters(from, to, null),
    minGroupSize: 10,
    noise: EXACT,
  });
}

describe('serviceStatistics on known rows', () => {
  it('grouped by item → counts per status against a direct count', () => {
    const [a, b] = services(['ITEM']).groups;
    expect([a.key[0].value, a.applications, a.completed, a.approved, a.rejected, a.overdue]).toEqual(['A', 25, 20, 20, 5, 2]);
    expect([b.key[0].value, b.applications, b.completed, b.rejected]).toEqual(['B', 30, 0, 0]);
  });

  it('grouped by item → median and 90th percentile of working days by nearest rank', () => {
    const [a] = services(['ITEM']).groups;
    expect([a.medianWorkingDays, a.p90WorkingDays]).toEqual([10, 18]);
  });

  it('grouped by item → mean rating and its distribution from feedback', () => {
    const [a, b] = services(['ITEM']).groups;
    expect([a.meanRating, a.ratingDistribution]).toEqual([4, [0, 0, 10, 0, 10]]);
    expect([b.meanRating, b.ratingDistribution]).toEqual([null, [0, 0, 0, 0, 0]]);
  });

  it('months outside the period → not counted', () => {
    expect(services([]).total.applications).toBe(55);
  });

  it('grouped by item and month → a small group and its complement suppressed, every figure null', () => {
    const groups = services(['ITEM', 'MONTH']).groups;
    const rejected = groups.find((g) => g.key[1].value === '2026-02')!;
    expect(rejected).toMatchObject({ suppressed: true, applications: null, medianWorkingDays: null, meanRating: null, ratingDistribution: null });
    expect(groups.filter((g) => g.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('grouped by age band → applicants counted in the band of their age at submission', () => {
    expect(services(['AGE_BAND']).groups.map((g) => [g.key[0].value, g.applications])).toEqual([
      ['30-39', 25],
      ['60+', 30],
    ]);
  });
});

describe('percentileOf', () => {
  it('an empty distribution → null', () => {
    expect(percentileOf(new Map(), 0.5)).toBeNull();
  });
});

const enterprise = (creditCode: string, division: string, kind = 'LLC'): EnterpriseStatisticsRow => ({ creditCode, kind, status: 'ACTIVE', division, establishedYear: 2010 });
const licence = (holderCreditCode: string, extra: Partial<LicenseStatisticsRow> = {}): LicenseStatisticsRow => ({
  holderCreditCode,
  kind: 'FOOD_OPERATION_PERMIT',
  status: 'VALID',
  validUntil: '2030-01-01',
  count: 1,
  ...extra,
});

describe('licensedEnterpriseShare on known rows', () => {
  const enterprises = [...Array.from({ length: 20 }, (_, i) => enterprise(`E1-${i}`, '130102')), ...Array.from({ length: 30 }, (_, i) => enterprise(`E2-${i}`, '130202'))];
  const licences = [
    ...Array.from({ length: 5 }, (_, i) => licence(`E1-${i}`)),
    licence('E1-5', { status: 'REVOKED' }),
    licence('E1-6', { validUntil: '2026-01-01' }),
    licence('E1-7', { kind: 'BUSINESS_LICENSE' }),
    licence('E2-0', { validUntil: null }),
    licence('E2-0'),
  ];

  it('valid holders → status VALID, of the kind, not past its end on the day (open-ended counts)', () => {
    expect([...validHolders(licences, 'FOOD_OPERATION_PERMIT', '2026-06-01')].sort()).toEqual(['E1-0', 'E1-1', 'E1-2', 'E1-3', 'E1-4', 'E2-0']);
  });

  it('per city → enterprises, licensed enterprises (an enterprise with two licences once) and the share', () => {
    const figure = licenceCoverageFigure({
      enterprises,
      holders: validHolders(licences, 'FOOD_OPERATION_PERMIT', '2026-06-01'),
      level: 'CITY',
      filter: null,
      minGroupSize: 10,
      noise: EXACT,
    });
    expect(figure.groups.map((g) => [g.key[0].label, g.enterprises, g.licensed, g.share])).toEqual([
      ['石家庄市', 20, 5, 0.25],
      ['唐山市', 30, 1, 0.0333],
    ]);
    expect(figure.total).toEqual({ enterprises: 50, licensed: 6, share: 0.12 });
  });
});

describe('enterpriseStatistics on known rows', () => {
  it('grouped by kind, filtered by division → counts of the enterprises kept', () => {
    const rows = [...Array.from({ length: 12 }, (_, i) => enterprise(`A${i}`, '130102', 'LLC')), ...Array.from({ length: 15 }, (_, i) => enterprise(`B${i}`, '130202', 'SOLE'))];
    const figure = countFigure({
      figure: 'enterpriseStatistics',
      rows,
      countOf: () => 1,
      groupBy: [enterpriseGrouping('KIND', 'COUNTY')],
      filters: enterpriseFilters({ divisions: ['130100'] }),
      minGroupSize: 10,
      noise: EXACT,
    });
    expect(figure.groups.map((g) => [g.key[0].value, g.count])).toEqual([['LLC', 12]]);
  });
});

describe('a period as a dimension of suppression', () => {
  it('a small group just outside the period → the period total is hidden too, since a wider period would publish the difference', () => {
    const rows = [app('B', '2026-01', 'SUBMITTED', { count: 30 }), app('B', '2025-12', 'SUBMITTED', { count: 4 }), app('C', '2026-01', 'SUBMITTED', { count: 40 })];
    const figure = serviceFigure({ rows, groupBy: [serviceGrouping('ITEM', 'COUNTY')], filters: serviceFilters('2026-01', '2026-12', null), minGroupSize: 10, noise: EXACT });
    expect(figure.groups.map((g) => [g.key[0].value, g.suppressed])).toEqual([
      ['B', true],
      ['C', true],
    ]);
  });
});
