import path from 'node:path';
import { defineDepartment, loadTypeDefs } from '../kit';
import type { AnalysisDatabase } from './database';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { startAnalysisCenter, type AnalysisCenter, type AnalysisCenterOptions } from './startAnalysisCenter';

/**
 * The analysis center, run by the platform operator: aggregate figures across departments for
 * analysts and managers. It pulls each department's statistical extract through the graph
 * (purpose statistics), and only aggregates leave it: groups under the departments' minimum
 * size are suppressed, with noise and a privacy budget where their policies ask (docs/analysis.md).
 * Its own database holds the privacy budget ledger alone.
 */
export function analysisDepartment(options: AnalysisCenterOptions = {}) {
  return defineDepartment<AnalysisDatabase, Record<string, never>, AnalysisCenter>({
    name: 'analysis',
    title: 'Platform operator — analysis center (aggregate statistics)',
    typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    migrations,
    createLoaders: () => ({}),
    // Nothing to seed: the ledger fills as analysts spend, the figures come from the other departments.
    seed: async () => undefined,
    start: startAnalysisCenter(options),
  });
}

export const analysis = analysisDepartment();
