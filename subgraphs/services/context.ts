import type { DepartmentContext } from '../kit';
import type { ServicesDatabase } from './database';
import type { ServicesLoaders } from './loaders';
import type { ServicePlatform } from './startServicePlatform';

export type ServicesContext = DepartmentContext<ServicesDatabase, ServicesLoaders, ServicePlatform>;

/** Who acted, for the application's history. */
export function actorOf(ctx: ServicesContext): string {
  return ctx.identity?.sub ?? 'anonymous';
}
