import { CODES, requestError } from '../kit';
import { answerFigure, settingsOf } from './answerFigure';
import { readBudget } from './budget/privacyBudget';
import { beijingDay } from './budget/beijingDay';
import { requireAnalyst, type AnalysisContext } from './context';
import { extractOf } from './snapshot/SnapshotStore';
import { countFigure } from './statistics/countFigure';
import { enterpriseFilters, enterpriseGrouping, type EnterpriseFilter, type EnterpriseGroupBy } from './statistics/enterpriseGroupings';
import type { DivisionLevel } from './statistics/divisionAt';
import { COVERAGE_COUNT_MEASURES, licenceCoverageFigure, validHolders, type CoverageFilter } from './statistics/licenceCoverageFigure';
import { populationFilters, populationGrouping, type PopulationFilter, type PopulationGroupBy } from './statistics/populationGroupings';
import { serviceFilters, serviceGrouping, type ServiceFilter, type ServiceGroupBy } from './statistics/serviceGroupings';
import { SERVICE_COUNT_MEASURES, serviceFigure } from './statistics/serviceFigure';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Each dimension at most once: grouping twice by one is a mistake, not a finer table. */
function distinct<T extends string>(groupBy: readonly T[]): readonly T[] {
  const repeated = groupBy.find((by, i) => groupBy.indexOf(by) !== i);
  if (repeated) throw requestError(CODES.BAD_USER_INPUT, `groupBy names ${repeated} twice; name each dimension once.`, { argument: 'groupBy' });
  return groupBy;
}

export const resolvers = {
  Query: {
    serviceStatistics: (
      _: unknown,
      args: { from: string; to: string; groupBy: ServiceGroupBy[]; filter?: ServiceFilter | null; divisionLevel: DivisionLevel },
      ctx: AnalysisContext,
    ) => {
      requireAnalyst(ctx);
      for (const [name, value] of [
        ['from', args.from],
        ['to', args.to],
      ] as const) {
        if (!MONTH.test(value)) throw requestError(CODES.BAD_USER_INPUT, `${name} must be a month, YYYY-MM (figures are kept per month), not "${value}".`, { argument: name });
      }
      if (args.from > args.to) throw requestError(CODES.BAD_USER_INPUT, `from (${args.from}) is after to (${args.to}).`, { argument: 'from' });
      const groupBy = distinct(args.groupBy);
      return answerFigure(ctx, ['services'], SERVICE_COUNT_MEASURES, (snapshot, settings, noise) =>
        serviceFigure({
          rows: extractOf(snapshot, 'services'),
          groupBy: groupBy.map((by) => serviceGrouping(by, args.divisionLevel)),
          filters: serviceFilters(args.from, args.to, args.filter),
          minGroupSize: settings.minGroupSize,
          noise,
        }),
      );
    },
    populationStatistics: (_: unknown, args: { groupBy: PopulationGroupBy[]; filter?: PopulationFilter | null; divisionLevel: DivisionLevel }, ctx: AnalysisContext) => {
      const groupBy = distinct(args.groupBy);
      return answerFigure(ctx, ['population'], 1, (snapshot, settings, noise) => {
        const year = Number(snapshot.asOf.slice(0, 4));
        return countFigure({
          figure: 'populationStatistics',
          rows: extractOf(snapshot, 'population'),
          countOf: (cell) => cell.count,
          groupBy: groupBy.map((by) => populationGrouping(by, args.divisionLevel, year)),
          filters: populationFilters(args.filter, year),
          minGroupSize: settings.minGroupSize,
          noise,
        });
      });
    },
    enterpriseStatistics: (_: unknown, args: { groupBy: EnterpriseGroupBy[]; filter?: EnterpriseFilter | null; divisionLevel: DivisionLevel }, ctx: AnalysisContext) => {
      const groupBy = distinct(args.groupBy);
      return answerFigure(ctx, ['market'], 1, (snapshot, settings, noise) =>
        countFigure({
          figure: 'enterpriseStatistics',
          rows: extractOf(snapshot, 'market'),
          countOf: () => 1,
          groupBy: groupBy.map((by) => enterpriseGrouping(by, args.divisionLevel)),
          filters: enterpriseFilters(args.filter),
          minGroupSize: settings.minGroupSize,
          noise,
        }),
      );
    },
    licensedEnterpriseShare: (_: unknown, args: { kind: string; divisionLevel: DivisionLevel; filter?: CoverageFilter | null }, ctx: AnalysisContext) =>
      answerFigure(ctx, ['market', 'licenses'], COVERAGE_COUNT_MEASURES, (snapshot, settings, noise) => ({
        kind: args.kind,
        ...licenceCoverageFigure({
          enterprises: extractOf(snapshot, 'market'),
          holders: validHolders(extractOf(snapshot, 'licenses'), args.kind, snapshot.asOf.slice(0, 10)),
          level: args.divisionLevel,
          filter: args.filter,
          minGroupSize: settings.minGroupSize,
          noise,
        }),
      })),
    myAnalysisBudget: async (_: unknown, __: unknown, ctx: AnalysisContext) => {
      const reader = requireAnalyst(ctx);
      const now = ctx.services.now();
      // The budget of the strictest department asking for noise: the one every noised figure is held to.
      const settings = settingsOf(ctx, ['population', 'market', 'licenses', 'services']);
      if (!settings.noise || settings.epsilonPerDay === null) return { epsilonLimit: null, epsilonSpent: null, epsilonRemaining: null, resetsAt: beijingDay(now).resetsAt };
      return readBudget(ctx.db, reader.sub, settings.epsilonPerDay, now);
    },
  },
};
