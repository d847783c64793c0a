import { adapterDepartment } from '../../exchange';

/** The Housing Provident Fund Center, joined by declaration: schema.graphql + exchange.yaml over the center's REST API (openapi.yaml). */
export const fund = adapterDepartment(__dirname);
