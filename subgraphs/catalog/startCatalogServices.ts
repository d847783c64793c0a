import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR, type PolicySet } from '../../policies';
import { EMPTY_SNAPSHOT, GrantIndex, grantKeysDir, grantStoreFrom, loadOrCreateGrantSigningKey, type GrantSnapshot } from '../../policies/grants';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { RESOURCE_CODES_FILE } from '../../schema/catalog/resourceCodes';
import { isProductionMode } from '../kit';
import type { DepartmentRuntime, DepartmentServices } from '../kit/departmentServices';
import { CatalogView } from './CatalogView';
import type { CatalogDatabase } from './database';
import { GrantPublisher } from './GrantPublisher';
import { ledgerSourceOf, type LedgerSource } from './ledger';

/** The grants in force as the grant store publishes them (what every gateway enforces). */
export interface GrantsInForce {
  snapshot(): GrantSnapshot;
  index(): GrantIndex;
}

export interface CatalogServices {
  catalog: CatalogView;
  publisher: GrantPublisher;
  grants: GrantsInForce;
  /** The gateway's audit ledger, read for auditors and officers (`Query.auditChain`, `Query.auditRecords`). */
  ledger: LedgerSource;
}

/**
 * What the catalog keeps besides its database: the catalog built from the policies the
 * subgraph enforces and the supergraph file; the grant store, which it follows (for
 * `myAccess`) and publishes to (the set in force now, at start, then at every decision),
 * signing each snapshot with its grant signing key; and where the gateway's audit ledger is,
 * which auditors and officers read through the catalog.
 */
export async function startCatalogServices(runtime: DepartmentRuntime<CatalogDatabase>): Promise<DepartmentServices<CatalogServices>> {
  const { log } = runtime;
  // With policies switched off (benchmarks) the subgraph enforces none, but the catalog still describes them.
  let ownPolicies: PolicySet | undefined;
  const policies = (): PolicySet => runtime.policies() ?? (ownPolicies ??= loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }));
  const catalog = new CatalogView({ policies, supergraphFile: SUPERGRAPH_FILE, resourceCodesFile: RESOURCE_CODES_FILE, log });

  // Every gateway and department verifies the snapshots with the public half. The pair is
  // created on first use in development only (`npm start` creates it before anything starts);
  // in production it is given, and without it the catalog does not start.
  const settings = { ...runtime.grants, dataDir: runtime.dataDir };
  const signingKey = loadOrCreateGrantSigningKey({
    jwk: settings.signingKey,
    dir: grantKeysDir(settings),
    env: settings.env ?? runtime.env,
    create: !isProductionMode(runtime.env),
  });
  const store = grantStoreFrom(settings);
  let snapshot: GrantSnapshot = EMPTY_SNAPSHOT;
  let index = GrantIndex.EMPTY;
  // Followed as every instance follows it: what its own key signed, and nothing older.
  const stopFollowing = store.follow(
    signingKey,
    (next) => {
      snapshot = next;
      index = new GrantIndex(next);
    },
    (error) => log.warn({ store: store.description, err: { message: error.message } }, 'the published grants cannot be read, or were refused; the last good ones stay'),
  );
  const publisher = new GrantPublisher(store, signingKey, runtime.db, log);
  log.info({ store: store.description, keyId: signingKey.keyId }, 'publishing access grants');
  // Where the gateway writes the ledger, from the same settings; read on each request, never written.
  const ledger = ledgerSourceOf({ env: runtime.env, dataDir: runtime.dataDir, log });
  log.info({ audit: ledger.description }, 'reading the audit ledger for auditors and officers');
  await publisher.republish();

  return {
    services: { catalog, publisher, grants: { snapshot: () => snapshot, index: () => index }, ledger },
    async close() {
      stopFollowing();
      await publisher.close();
      await store.close();
    },
  };
}
