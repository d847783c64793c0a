import { adapterDepartment } from '../../exchange';
import { seedStandInSystem } from './standInSystem';

/** The Human Resources and Social Security Bureau, joined by declaration: schema.graphql + exchange.yaml over its legacy database. */
export const hrss = adapterDepartment(__dirname, { seedStandIn: seedStandInSystem });
