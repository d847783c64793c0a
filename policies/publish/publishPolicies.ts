import { loadPolicyFiles } from '../engine/loadPolicyFiles';
import { readPolicyDir } from '../engine/readPolicyDir';
import type { PolicyProblem } from '../engine/types';
import type { PolicySigningKey } from './policySigningKeys';
import type { PublishOutcome, RedisPolicyStore } from './RedisPolicyStore';

export interface PublishPoliciesOptions {
  /** The policy directory to publish (its `.yaml` files). */
  dir: string;
  /** The supergraph the files must cover: the committed one, as `policy check` uses. */
  supergraphSdl: string;
  store: RedisPolicyStore;
  /** Who publishes, as recorded in the bundle and its history line. */
  publishedBy: string;
  /** The key the bundle is signed with: instances load only what the matching public key verifies. */
  signingKey: PolicySigningKey;
}

export type PublishResult = PublishOutcome | { kind: 'refused'; problems: PolicyProblem[] };

/** The files were fine but the store could not take them (Redis unreachable, refused the script): nothing was published. */
export class PolicyStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PolicyStoreUnavailable';
  }
}

/**
 * Publishes the policy directory, signed, when, and only when, it has no problem: the same check
 * as `policy check` (and as the instances make before loading it). A refused set is not
 * stored at all. Throws PolicyStoreUnavailable when the store cannot be written.
 */
export async function publishPolicies({ dir, supergraphSdl, store, publishedBy, signingKey }: PublishPoliciesOptions): Promise<PublishResult> {
  const read = readPolicyDir(dir);
  const { policies, problems } = loadPolicyFiles(read, supergraphSdl);
  if (problems.length > 0 || !policies) return { kind: 'refused', problems };
  try {
    return await store.publish({ files: read.files, publishedBy, signingKey });
  } catch (error) {
    throw new PolicyStoreUnavailable(error);
  }
}
