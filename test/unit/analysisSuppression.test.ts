import { suppressTable, type TableCell } from '../../subgraphs/analysis/statistics/suppressTable';
import { countFigure } from '../../subgraphs/analysis/statistics/countFigure';
import { EXACT } from '../../subgraphs/analysis/statistics/noiseFor';
import { populationFilters, populationGrouping, type PopulationGroupBy } from '../../subgraphs/analysis/statistics/populationGroupings';
import type { PersonStatisticsCell } from '../../subgraphs/analysis/statistics/extracts';
import { CODES } from '../../schema/contracts/errorCodes';
import { createRandom } from '../../subgraphs/kit';

const cell = (count: number, ...key: string[]): TableCell => ({ key, count });
const dims = (...names: string[]) => names.map((name) => ({ name }));

// Three counties of 石家庄市 (130100) and one of 唐山市 (130200), both in 河北省 (130000); 2026 is the snapshot's year.
const YEAR = 2026;
const persons: PersonStatisticsCell[] = [
  { division: '130102', sex: '1', birthYear: 1990, count: 40 },
  { division: '130102', sex: '2', birthYear: 1990, count: 3 },
  { division: '130104', sex: '1', birthYear: 1980, count: 25 },
  { division: '130104', sex: '2', birthYear: 1980, count: 30 },
  { division: '130105', sex: '1', birthYear: 1970, count: 12 },
  { division: '130105', sex: '2', birthYear: 2015, count: 50 },
  { division: '130202', sex: '1', birthYear: 1950, count: 20 },
  { division: '130202', sex: '2', birthYear: 1960, count: 22 },
];

function population(groupBy: PopulationGroupBy[], filter: Parameters<typeof populationFilters>[0] = null, min = 10) {
  return countFigure({
    figure: 'populationStatistics',
    rows: persons,
    countOf: (c) => c.count,
    groupBy: groupBy.map((by) => populationGrouping(by, 'COUNTY', YEAR)),
    filters: populationFilters(filter, YEAR),
    minGroupSize: min,
    noise: EXACT,
  });
}

/**
 * What an attacker learns of the hidden cells from published sums: each published figure is
 * one linear equation over the fine cells (the suppressed ones unknown). A hidden cell is
 * recovered when its unit vector lies in the span of the equations restricted to the unknowns.
 */
function recoverable(
  unknowns: number,
  equations: number[][],
  targets: number[][] = Array.from({ length: unknowns }, (_, u) => Array.from({ length: unknowns }, (_, k) => (k === u ? 1 : 0))),
): boolean[] {
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => r.slice());
    let r = 0;
    for (let c = 0; c < unknowns && r < m.length; c++) {
      const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
      if (pivot < 0) continue;
      [m[r], m[pivot]] = [m[pivot], m[r]];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i][c] / m[r][c];
        for (let k = 0; k < unknowns; k++) m[i][k] -= f * m[r][k];
      }
      r++;
    }
    return r;
  };
  const base = rank(equations);
  return targets.map((target) => rank([...equations, target]) === base);
}

describe('suppressTable', () => {
  it('a cell below the minimum → suppressed, and one other cell of its line so the line total cannot give it away', () => {
    const { suppressed } = suppressTable([cell(3, 'a'), cell(40, 'b'), cell(12, 'c')], dims('D'), 10);
    expect(suppressed).toEqual([true, false, true]);
  });

  it('the complementary cell is the smallest non-zero unsuppressed cell of the line', () => {
    const { suppressed } = suppressTable([cell(3, 'a'), cell(0, 'b'), cell(11, 'c'), cell(50, 'd')], dims('D'), 10);
    expect(suppressed).toEqual([true, false, true, false]);
  });

  it('a table without a small cell → nothing suppressed', () => {
    expect(suppressTable([cell(10, 'a'), cell(40, 'b')], dims('D'), 10)).toEqual({ suppressed: [false, false], totalSuppressed: false });
  });

  it('a two-way table → suppression spreads until every row and column holds none or at least two hidden cells', () => {
    const cells = [cell(3, 'a', 'x'), cell(40, 'a', 'y'), cell(25, 'b', 'x'), cell(30, 'b', 'y'), cell(60, 'c', 'x'), cell(70, 'c', 'y')];
    const { suppressed } = suppressTable(cells, dims('R', 'C'), 10);
    expect(suppressed).toEqual([true, true, true, true, false, false]);
  });

  it('a small cell alone in its line with nothing else to hide → only itself (its line sum is as small, and suppressed wherever published)', () => {
    expect(suppressTable([cell(3, 'a')], dims('D'), 10).suppressed).toEqual([true]);
  });

  it('exactly one hidden cell in the table → the total is not published', () => {
    expect(suppressTable([cell(3, 'a')], dims('D'), 10).totalSuppressed).toBe(true);
  });

  it('counties of one city → a second county of the same city is hidden, since the city-level figure publishes their sum', () => {
    const parents = (code: string) => [code.slice(0, 4)];
    const cells = [cell(3, '130102'), cell(40, '130104'), cell(11, '130202'), cell(90, '130203')];
    const { suppressed } = suppressTable(cells, [{ name: 'DIVISION', parents }], 10);
    expect(suppressed).toEqual([true, true, false, false]);
  });
});

describe('populationStatistics on known rows', () => {
  it('grouped by sex → each group is the sum of its rows', () => {
    const figure = population(['SEX']);
    expect(figure.groups.map((g) => [g.key[0].value, g.key[0].label, g.count])).toEqual([
      ['1', 'male', 40 + 25 + 12 + 20],
      ['2', 'female', 3 + 30 + 50 + 22],
    ]);
    expect(figure.total).toBe(202);
  });

  it('grouped by age band → ages reached in the snapshot year', () => {
    const figure = population(['AGE_BAND']);
    expect(Object.fromEntries(figure.groups.map((g) => [g.key[0].value, g.count]))).toEqual({ '0-17': 50, '30-39': 43, '40-49': 55, '50-59': 12, '60+': 42 });
  });

  it('grouped by division at city level → counties rolled up and named', () => {
    const figure = countFigure({
      figure: 'populationStatistics',
      rows: persons,
      countOf: (c) => c.count,
      groupBy: [populationGrouping('DIVISION', 'CITY', YEAR)],
      filters: [],
      minGroupSize: 10,
      noise: EXACT,
    });
    expect(figure.groups.map((g) => [g.key[0].value, g.key[0].label, g.count])).toEqual([
      ['130100', '石家庄市', 160],
      ['130200', '唐山市', 42],
    ]);
  });

  it('a group below the minimum → count null and suppressed, with a complementary group hidden too', () => {
    const figure = population(['DIVISION', 'SEX']);
    const hidden = figure.groups.filter((g) => g.suppressed).map((g) => g.key.map((k) => k.value).join('/'));
    expect(hidden).toContain('130102/2');
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(figure.groups.filter((g) => g.suppressed).every((g) => g.count === null)).toBe(true);
  });

  it('a filter leaving fewer than the minimum → GROUP_TOO_SMALL', () => {
    expect(() => population(['SEX'], { divisions: ['130102'], sexes: ['2'] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: CODES.GROUP_TOO_SMALL }) }),
    );
  });

  it('a whole table below the minimum → GROUP_TOO_SMALL', () => {
    expect(() => population([], null, 1000)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: CODES.GROUP_TOO_SMALL }) }));
  });
});

describe('differencing published figures', () => {
  // The fine cells (division × sex), in the order of `persons` folded by county and sex.
  const fine = [
    ['130102', '1'],
    ['130102', '2'],
    ['130104', '1'],
    ['130104', '2'],
    ['130105', '1'],
    ['130105', '2'],
    ['130202', '1'],
    ['130202', '2'],
  ];

  /** The equations two queries publish, over the fine cells: one per published group, plus the totals. */
  function equationsOf(figures: { figure: ReturnType<typeof population>; dims: ('DIVISION' | 'SEX')[] }[]) {
    const cellsOf = (values: (string | null)[], dims: ('DIVISION' | 'SEX')[]) =>
      fine.map(([division, sex]) => (dims.every((d, i) => (d === 'DIVISION' ? division : sex) === values[i]) ? 1 : 0));
    const equations: { cells: number[]; value: number }[] = [];
    for (const { figure, dims } of figures) {
      for (const group of figure.groups)
        if (!group.suppressed)
          equations.push({
            cells: cellsOf(
              group.key.map((k) => k.value),
              dims,
            ),
            value: group.count!,
          });
      if (figure.total !== null) equations.push({ cells: fine.map(() => 1), value: figure.total });
    }
    return equations;
  }

  it('groupBy [DIVISION] and [DIVISION, SEX] → the hidden cells are not determined by what both publish', () => {
    const detailed = population(['DIVISION', 'SEX']);
    const hiddenCells = detailed.groups.filter((g) => g.suppressed).map((g) => fine.findIndex(([d, s]) => d === g.key[0].value && s === g.key[1].value));
    const equations = equationsOf([
      { figure: detailed, dims: ['DIVISION', 'SEX'] },
      { figure: population(['DIVISION']), dims: ['DIVISION'] },
      { figure: population(['SEX']), dims: ['SEX'] },
    ]);
    // Substitute every published cell: what remains is a system over the hidden cells.
    const reduced = equations.map((e) => hiddenCells.map((i) => e.cells[i]));
    expect(hiddenCells.length).toBeGreaterThanOrEqual(2);
    expect(recoverable(hiddenCells.length, reduced).some(Boolean)).toBe(false);
  });

  it('a filter and its complement → the same cells are hidden in both, so their difference reveals none', () => {
    const women = population(['DIVISION'], { sexes: ['2'] });
    const men = population(['DIVISION'], { sexes: ['1'] });
    const all = population(['DIVISION']);
    const hidden = [...women.groups.filter((g) => g.suppressed).map((g) => `${g.key[0].value}/2`), ...men.groups.filter((g) => g.suppressed).map((g) => `${g.key[0].value}/1`)];
    const hiddenCells = hidden.map((h) => fine.findIndex(([d, s]) => `${d}/${s}` === h));
    expect(hidden).toContain('130102/2');
    const equations = equationsOf([{ figure: all, dims: ['DIVISION'] }]);
    const published = (figure: typeof women, sex: string) =>
      figure.groups.filter((g) => !g.suppressed).map((g) => fine.map(([d, s]) => (d === g.key[0].value && s === sex ? 1 : 0)));
    const all2 = [...equations.map((e) => e.cells), ...published(women, '2'), ...published(men, '1')];
    if (women.total !== null) all2.push(fine.map(([, s]) => (s === '2' ? 1 : 0)));
    if (men.total !== null) all2.push(fine.map(([, s]) => (s === '1' ? 1 : 0)));
    const reduced = all2.map((cells) => hiddenCells.map((i) => cells[i]));
    expect(hiddenCells.length).toBeGreaterThanOrEqual(2);
    expect(recoverable(hiddenCells.length, reduced).some(Boolean)).toBe(false);
  });
});

describe('differencing two division levels', () => {
  // 石家庄市 has one county with 3 residents; 唐山市 two counties of 11 and 50; 秦皇岛市 two of 20 and 21.
  const counties = [
    { division: '130102', count: 3 },
    { division: '130202', count: 11 },
    { division: '130203', count: 50 },
    { division: '130302', count: 20 },
    { division: '130303', count: 21 },
  ];
  const rows = counties.map(({ division, count }) => ({ division, sex: '1', birthYear: 1990, count }));
  const at = (level: 'COUNTY' | 'CITY') =>
    countFigure({
      figure: 'populationStatistics',
      rows,
      countOf: (c) => c.count,
      groupBy: [populationGrouping('DIVISION', level, YEAR)],
      filters: [],
      minGroupSize: 10,
      noise: EXACT,
    });

  it('a city hidden to protect another → one of its counties hidden too, so the county answer does not give the city away', () => {
    const hiddenCities = at('CITY')
      .groups.filter((g) => g.suppressed)
      .map((g) => g.key[0].value);
    expect(hiddenCities).toEqual(['130100', '130300']);
    expect(
      at('COUNTY')
        .groups.filter((g) => g.suppressed)
        .map((g) => g.key[0].value),
    ).toEqual(expect.arrayContaining(['130102', '130302', '130303']));
  });

  it('what the county and city answers publish together → no hidden county and no hidden city determined', () => {
    const county = at('COUNTY');
    const city = at('CITY');
    const hidden = county.groups.filter((g) => g.suppressed).map((g) => counties.findIndex((c) => c.division === g.key[0].value));
    const over = (codes: (c: string) => boolean) => hidden.map((i) => (codes(counties[i].division) ? 1 : 0));
    const equations = [
      ...city.groups.filter((g) => !g.suppressed).map((g) => over((c) => c.slice(0, 4) === g.key[0].value!.slice(0, 4))),
      ...(county.total !== null ? [over(() => true)] : []),
      ...(city.total !== null ? [over(() => true)] : []),
    ];
    const hiddenCityTargets = city.groups.filter((g) => g.suppressed).map((g) => over((c) => c.slice(0, 4) === g.key[0].value!.slice(0, 4)));
    expect(recoverable(hidden.length, equations).some(Boolean)).toBe(false);
    expect(recoverable(hidden.length, equations, hiddenCityTargets).some(Boolean)).toBe(false);
  });
});

describe('differencing a coarse figure with a finer one', () => {
  const KINDS = ['K1', 'K2', 'K3', 'K4', 'K5'];
  const STATUSES = ['ACTIVE', 'REVOKED', 'SUSPENDED'];

  /** Enterprises per kind and status, with small counts, from a fixed seed. */
  function table(seed: number): { kind: string; status: string; count: number }[] {
    const random = createRandom(seed, 'analysis-differencing');
    return KINDS.flatMap((kind) => STATUSES.map((status) => ({ kind, status, count: random.chance(0.3) ? random.int(1, 9) : random.int(0, 40) })));
  }

  const figure = (rows: ReturnType<typeof table>, groupBy: ('KIND' | 'STATUS')[]) =>
    countFigure({
      figure: 'enterpriseStatistics',
      rows,
      countOf: (r) => r.count,
      groupBy: groupBy.map((by) => ({ dimension: by, valueOf: (r: (typeof rows)[number]) => (by === 'KIND' ? r.kind : r.status) })),
      filters: [],
      minGroupSize: 10,
      noise: EXACT,
    });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('seed %i: [KIND], [STATUS] and [KIND, STATUS] published together → no hidden group of any of them determined', (seed) => {
    const rows = table(seed);
    const byKind = figure(rows, ['KIND']);
    const byStatus = figure(rows, ['STATUS']);
    const both = figure(rows, ['KIND', 'STATUS']);
    const cells = rows.filter((r) => r.count > 0);
    const vector = (match: (r: (typeof rows)[number]) => boolean) => cells.map((r) => (match(r) ? 1 : 0));
    const equations: number[][] = [];
    const hidden: number[][] = [];
    for (const [published, dims] of [
      [byKind, ['KIND']],
      [byStatus, ['STATUS']],
      [both, ['KIND', 'STATUS']],
    ] as const) {
      for (const group of published.groups) {
        const v = vector((r) => dims.every((d, i) => (d === 'KIND' ? r.kind : r.status) === group.key[i].value));
        (group.suppressed ? hidden : equations).push(v);
      }
      if (published.total !== null) equations.push(vector(() => true));
    }
    expect(recoverable(cells.length, equations, hidden).filter(Boolean)).toEqual([]);
  });
});
