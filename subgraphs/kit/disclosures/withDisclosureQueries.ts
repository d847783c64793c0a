import type { DepartmentDefinition, OwnerOf } from '../defineDepartment';
import { inheritOwner } from '../enforcement/inheritOwner';
import { departmentDisclosuresField } from './checkDisclosureQueries';
import { departmentDisclosuresQuery, disclosureResolvers } from './disclosureResolvers';
import type { DisclosureRow } from './disclosuresTable';

/**
 * The resolvers and owners a department is served with: its own, plus, when it serves its
 * disclosure log (`registry` or `department` queries), the kit's resolvers for them. A
 * disclosure is its subject's record (so `self` rules give residents their own), and the
 * reader inside it is the disclosure's.
 */
export function withDisclosureQueries(definition: DepartmentDefinition<any, any>): { resolvers: Record<string, any>; owners: Record<string, OwnerOf> } {
  const resolvers = definition.resolvers as Record<string, any>;
  const owners = definition.owners ?? {};
  const queries = definition.disclosures?.serveQueries;
  if (!queries) return { resolvers, owners };
  const field = departmentDisclosuresField(definition.name);
  const query = queries === 'registry' ? disclosureResolvers.Query : { [field]: departmentDisclosuresQuery(definition.name, `Query.${field}`) };
  return {
    resolvers: {
      ...resolvers,
      Query: { ...resolvers.Query, ...query },
      Disclosure: { ...resolvers.Disclosure, ...disclosureResolvers.Disclosure },
    },
    owners: { ...owners, Disclosure: (row: DisclosureRow) => row.subject, DisclosureReader: inheritOwner },
  };
}
