import type { DepartmentContext, Identity } from '../kit';
import { CODES, requestError } from '../kit';
import type { AnalysisDatabase } from './database';
import type { AnalysisCenter } from './startAnalysisCenter';

export type AnalysisContext = DepartmentContext<AnalysisDatabase, Record<string, never>, AnalysisCenter>;

/** The roles aggregate figures are for (policies/analysis.yaml says the same). */
export const ANALYSIS_ROLES: readonly string[] = ['analyst', 'manager'];

/**
 * The reader, who must be an analyst or a manager: checked here as well as by the policies
 * (defence in depth). FORBIDDEN for anyone else, an anonymous reader included.
 */
export function requireAnalyst(ctx: AnalysisContext): Identity {
  const identity = ctx.identity;
  if (!identity || !identity.roles.some((role) => ANALYSIS_ROLES.includes(role))) {
    throw requestError(CODES.FORBIDDEN, 'Aggregate figures are for analysts and managers only.');
  }
  return identity;
}
