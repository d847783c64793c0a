import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR, type PolicySet } from '../../policies';
import { GrantIndex } from '../../policies/grants/GrantIndex';
import { grantStoreFrom } from '../../policies/grants/grantStoreFrom';
import { EMPTY_SNAPSHOT } from '../../policies/grants/parseGrantSnapshot';
import type { GrantSnapshot } from '../../policies/grants/types';
import { SUPERGRAPH_FILE } from '../../schema/composeSupergraph';
import { RESOURCE_CODES_FILE } from '../../schema/resourceCodes';
import type { DepartmentRuntime, DepartmentServices } from '../kit/departmentServices';
import { CatalogView } from './CatalogView';
import type { CatalogDatabase } from './database';
import { GrantPublisher } from './GrantPublisher';

/** The grants in force as the grant store publishes them (what every gateway enforces). */
export interface GrantsInForce {
  snapshot(): GrantSnapshot;
  index(): GrantIndex;
}

export interface CatalogServices {
  catalog: CatalogView;
  publisher: GrantPublisher;
  grants: GrantsInForce;
}

/**
 * What the catalog keeps besides its database: the catalog built from the policies the
 * subgraph enforces and the supergraph file; the grant store, which it follows (for
 * `myAccess`) and publishes to (the set in force now, at start, then at every decision).
 */
export async function startCatalogServices(runtime: DepartmentRuntime<CatalogDatabase>): Promise<DepartmentServices<CatalogServices>> {
  const { log } = runtime;
  // With policies switched off (benchmarks) the subgraph enforces none, but the catalog still describes them.
  let ownPolicies: PolicySet | undefined;
  const policies = (): PolicySet => runtime.policies() ?? (ownPolicies ??= loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }));
  const catalog = new CatalogView({ policies, supergraphFile: SUPERGRAPH_FILE, resourceCodesFile: RESOURCE_CODES_FILE, log });

  const store = grantStoreFrom({ ...runtime.grants, dataDir: runtime.dataDir });
  let snapshot: GrantSnapshot = EMPTY_SNAPSHOT;
  let index = GrantIndex.EMPTY;
  const stopFollowing = store.follow(
    (next) => {
      snapshot = next;
      index = new GrantIndex(next);
    },
    (error) => log.warn({ store: store.description, err: { message: error.message } }, 'cannot read the published grants; the last good ones stay'),
  );
  const publisher = new GrantPublisher(store, runtime.db, log);
  log.info({ store: store.description }, 'publishing access grants');
  await publisher.republish();

  return {
    services: { catalog, publisher, grants: { snapshot: () => snapshot, index: () => index } },
    async close() {
      stopFollowing();
      await publisher.close();
      await store.close();
    },
  };
}
