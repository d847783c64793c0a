import type { DepartmentContext } from '../kit';
import type { ServicesDatabase } from './database';
import type { ServicesLoaders } from './loaders';

export type ServicesContext = DepartmentContext<ServicesDatabase, ServicesLoaders>;

/** Who acted, for the application's history. */
export function actorOf(ctx: ServicesContext): string {
  return ctx.identity?.sub ?? 'anonymous';
}
