import type { PolicyFileText } from '../engine/readPolicyDir';

/** One published policy set, as the store holds it: the files themselves, with who put them there. */
export interface PolicyBundle {
  /** 1 for the first publication, then +1 each; never reused. */
  version: number;
  /** `hashPolicyFiles(files)`: the same hash `/health` and the audit records show. */
  hash: string;
  /** The `.yaml` files of the policy directory, in file-name order. */
  files: PolicyFileText[];
  publishedBy: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
  /** The hash of the bundle this one replaced; null for the first. */
  previousHash: string | null;
  /**
   * The publisher's Ed25519 signature over every other field (`signPolicyBundle`); null when the
   * stored bundle carries none. Instances load only bundles it verifies with the publisher's key.
   */
  signature: string | null;
}

/** A bundle before it is signed. */
export type UnsignedPolicyBundle = Omit<PolicyBundle, 'signature'>;

/** One line of the publication history: a bundle without its files and signature, with the signer's key id (absent on lines written before bundles were signed). */
export type PolicyHistoryEntry = Omit<PolicyBundle, 'files' | 'signature'> & { keyId?: string };

/** The store holds something that is not a policy bundle (written by hand, by another tool, or cut short). */
export class MalformedPolicyBundle extends Error {
  constructor(why: string) {
    super(`The published policy bundle is malformed: ${why}`);
    this.name = 'MalformedPolicyBundle';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
/** A file name as `readPolicyDir` gives it: no directory part. */
const FILE_NAME = /^[^/\\\0]+\.yaml$/;

/** Parses the stored JSON; throws MalformedPolicyBundle saying what is wrong. */
export function parsePolicyBundle(text: string): PolicyBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedPolicyBundle(`not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedPolicyBundle('not an object');
  const bundle = value as Record<string, unknown>;
  if (!Number.isSafeInteger(bundle.version) || (bundle.version as number) < 1) throw new MalformedPolicyBundle('version is not a positive whole number');
  if (typeof bundle.hash !== 'string' || !HEX64.test(bundle.hash)) throw new MalformedPolicyBundle('hash is not a sha256');
  if (bundle.previousHash !== null && (typeof bundle.previousHash !== 'string' || !HEX64.test(bundle.previousHash)))
    throw new MalformedPolicyBundle('previousHash is not a sha256 or null');
  if (typeof bundle.publishedBy !== 'string' || typeof bundle.publishedAt !== 'string') throw new MalformedPolicyBundle('publishedBy or publishedAt is missing');
  if (bundle.signature !== undefined && bundle.signature !== null && typeof bundle.signature !== 'string') throw new MalformedPolicyBundle('signature is not a string');
  if (!Array.isArray(bundle.files)) throw new MalformedPolicyBundle('files is not a list');
  for (const file of bundle.files as unknown[]) {
    const entry = file as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.file !== 'string' || typeof entry.text !== 'string')
      throw new MalformedPolicyBundle('a file is not {file, text}');
    if (!FILE_NAME.test(entry.file)) throw new MalformedPolicyBundle(`'${entry.file}' is not a policy file name (name.yaml, no directory)`);
  }
  return {
    version: bundle.version as number,
    hash: bundle.hash,
    files: (bundle.files as { file: string; text: string }[]).map(({ file, text }) => ({ file, text })),
    publishedBy: bundle.publishedBy,
    publishedAt: bundle.publishedAt,
    previousHash: bundle.previousHash as string | null,
    signature: (bundle.signature as string | undefined) ?? null,
  };
}
