import { adapterDepartment } from '../../exchange';
import { dropMarriageRegistrations } from './marriageRegistrations';

/**
 * The Civil Affairs Bureau, joined by declaration: schema.graphql + exchange.yaml over the files its
 * registration system exports. The seed drops a first export into the inbox (not the bureau's: a
 * stand-in's), which the department loads as it starts.
 */
export const civil = adapterDepartment(__dirname, {
  async seedStandIn(target, options) {
    dropMarriageRegistrations(target.url, options);
  },
});
