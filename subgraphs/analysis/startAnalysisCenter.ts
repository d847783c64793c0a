import type { PolicySet } from '../../policies';
import type { DepartmentRuntime, DepartmentServices } from '../kit';
import type { AnalysisDatabase } from './database';
import { refreshSecondsFrom, SnapshotStore } from './snapshot/SnapshotStore';
import { cryptoUniform, type Uniform } from './statistics/geometricNoise';

/** What the analysis center keeps besides its budget ledger; resolvers see it as `ctx.services`. */
export interface AnalysisCenter {
  snapshots: SnapshotStore;
  /** The policies in force, for each department's statistics settings (null with policies off). */
  policies(): PolicySet | null;
  /** The noise's source of randomness. */
  uniform: Uniform;
  now(): Date;
}

/** What tests may replace: the randomness of the noise, and the clock. */
export interface AnalysisCenterOptions {
  uniform?: Uniform;
  now?: () => Date;
}

/** The analysis center's start: a snapshot store refreshed every `GOVGRAPH_ANALYSIS_REFRESH_SECONDS` (default 300). */
export function startAnalysisCenter(options: AnalysisCenterOptions = {}) {
  return async (runtime: DepartmentRuntime<AnalysisDatabase>): Promise<DepartmentServices<AnalysisCenter>> => {
    const now = options.now ?? (() => new Date());
    const refreshSeconds = refreshSecondsFrom(runtime.env);
    runtime.log.info({ refreshSeconds }, 'analysis snapshots taken on demand');
    return {
      services: { snapshots: new SnapshotStore(refreshSeconds, now), policies: runtime.policies, uniform: options.uniform ?? cryptoUniform, now },
      close: async () => undefined,
    };
  };
}
