import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CatalogEntry } from '../../schema/catalog/catalogEntries';
import type { AccessGrant } from '../../policies/grants';
import { applyForAccess, type AccessApplicationInput } from './applyForAccess';
import { requireStaff, type CatalogContext } from './context';
import { decideAccessApplication, type ApprovalTerms } from './decideAccessApplication';
import { auditChain, auditRecords, type AuditRecordFilterInput } from './ledger';
import { listCatalog, type CatalogArgs } from './listCatalog';
import { myAccess } from './myAccess';
import { accessMatrixView } from './oversight/accessMatrixView';
import { explainAccess, type ExplainAccessArgs } from './oversight/explainAccess';
import { explainMyAccess } from './oversight/explainMyAccess';
import { policyReview, type PolicyReviewArgs } from './oversight/policyReview';
import { grantStatusOf, toApplicationRecord, toGrantRecord, type AccessApplicationRecord, type AccessGrantRecord } from './records';
import { revokeGrant } from './revokeGrant';
import { isVisibleApplication, visibleApplications, visibleGrants } from './visibility';
import type { AccessApplicationStatus } from './database';

/** A grant read from the database, or as published (myAccess): the published shape has no revocation. */
type GrantLike = AccessGrant & Partial<Pick<AccessGrantRecord, 'revokedAt' | 'revokedBy' | 'revokeReason'>>;

export const resolvers: GraphQLResolverMap<CatalogContext> = {
  Query: {
    catalog: (_: unknown, args: CatalogArgs, ctx: CatalogContext) => listCatalog(ctx, args),
    myAccess: (_: unknown, args: { department?: string | null }, ctx: CatalogContext) => myAccess(ctx, args.department),
    accessApplications: async (_: unknown, args: { status?: AccessApplicationStatus | null; department?: string | null }, ctx: CatalogContext) => {
      const staff = requireStaff(ctx, 'see access applications');
      let query = visibleApplications(ctx.db.selectFrom('access_applications').selectAll(), staff);
      if (args.status) query = query.where('status', '=', args.status);
      const department = args.department;
      if (department) query = query.where((eb) => eb.or([eb('provider', '=', department), eb('applicant_department', '=', department)]));
      return (await query.orderBy('id').execute()).map(toApplicationRecord);
    },
    accessApplication: async (_: unknown, args: { id: string }, ctx: CatalogContext) => {
      const staff = requireStaff(ctx, 'see access applications');
      const application = await ctx.loaders.application.load(args.id);
      // Someone else's application is as absent as one that does not exist.
      return application && isVisibleApplication(application, staff) ? application : null;
    },
    grants: async (_: unknown, args: { department?: string | null }, ctx: CatalogContext) => {
      const staff = requireStaff(ctx, 'see grants');
      let query = visibleGrants(ctx.db.selectFrom('access_grants').selectAll(), staff);
      const department = args.department;
      if (department) query = query.where((eb) => eb.or([eb('provider', '=', department), eb('grantee', '=', department)]));
      return (await query.orderBy('id', 'desc').execute()).map(toGrantRecord);
    },
    explainMyAccess: (_: unknown, args: { query: string }, ctx: CatalogContext) => explainMyAccess(ctx, args.query),
    explainAccess: (_: unknown, args: ExplainAccessArgs, ctx: CatalogContext) => explainAccess(ctx, args),
    accessMatrix: (_: unknown, args: { department?: string | null }, ctx: CatalogContext) => accessMatrixView(ctx, args.department),
    policyReview: (_: unknown, args: PolicyReviewArgs, ctx: CatalogContext) => policyReview(ctx, args),
    auditChain: (_: unknown, _args: unknown, ctx: CatalogContext) => auditChain(ctx),
    auditRecords: (_: unknown, args: { filter: AuditRecordFilterInput; first?: number | null }, ctx: CatalogContext) => auditRecords(ctx, args.filter, args.first),
  },
  Mutation: {
    applyForAccess: (_: unknown, args: { input: AccessApplicationInput }, ctx: CatalogContext) => applyForAccess(ctx, args.input),
    decideAccessApplication: (_: unknown, args: { id: string; approve: boolean; reason?: string | null } & ApprovalTerms, ctx: CatalogContext) =>
      decideAccessApplication(ctx, args.id, args.approve, args.reason, { until: args.until, caseBound: args.caseBound }),
    revokeGrant: (_: unknown, args: { id: string; reason: string }, ctx: CatalogContext) => revokeGrant(ctx, args.id, args.reason),
  },
  CatalogEntry: {
    sharingType: (entry: CatalogEntry) => entry.sharing.toUpperCase(),
  },
  AccessApplication: {
    grant: (application: AccessApplicationRecord, _: unknown, ctx: CatalogContext) =>
      application.status === 'APPROVED' ? ctx.loaders.grantOfApplication.load(application.id) : null,
    history: (application: AccessApplicationRecord, _: unknown, ctx: CatalogContext) => ctx.loaders.historyOfApplication.load(application.id),
  },
  AccessGrant: {
    status: (grant: GrantLike) =>
      grantStatusOf({ ...grant, revokedAt: grant.revokedAt ?? null, revokedBy: grant.revokedBy ?? null, revokeReason: grant.revokeReason ?? null }, Date.now()),
    revokedAt: (grant: GrantLike) => grant.revokedAt ?? null,
    revokedBy: (grant: GrantLike) => grant.revokedBy ?? null,
    revokeReason: (grant: GrantLike) => grant.revokeReason ?? null,
  },
};
