/**
 * A new policy set put in force on one instance: where it came from, the published
 * version (null for files read from the policy directory), the hashes it replaced and
 * became, who published it (null for files), and for a published one the id (JWK
 * thumbprint) of the key its signature was verified with.
 */
export interface PolicyChange {
  source: 'file' | 'redis';
  version: number | null;
  from: string;
  to: string;
  publishedBy: string | null;
  keyId?: string;
}

/** What `/health` says about the policy source of an instance, beside `policies` (the hash). */
export interface PolicyHealth {
  /** The published version in force; null when the policies in force came from the files. */
  policyVersion: number | null;
  /** Only when following a policy store: whether it answers. */
  policyStore?: 'connected' | 'unreachable';
}
