import fs from 'node:fs';
import path from 'node:path';
import { loadPolicySet, POLICIES_DIR, type PolicySet } from '../../../policies';

const SUPERGRAPH_FILE = path.resolve(__dirname, '../../../schema/composition/supergraph.graphql');

/**
 * The policies in `policies/`, checked against the committed supergraph (the same files
 * and the same engine as the gateway). Problems stop start-up, each `file:line: message`.
 */
export function loadDefaultPolicies(department: string, dir = POLICIES_DIR): PolicySet {
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  try {
    return loadPolicySet({ dir, supergraphSdl });
  } catch (error) {
    throw new Error(`${department}: ${(error as Error).message}`, { cause: error });
  }
}
