import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { JWK } from 'jose';
import { importEd25519Jwk } from '../../schema/contracts/keys/importEd25519Jwk';
import { loadKeyMaterial, type KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';

/**
 * Ed25519 key pairs that sign what one party publishes for every instance to follow (the
 * policy bundles, the access grants). The signer holds the private key; every follower holds
 * only the public key, and puts in force nothing it does not verify. Errors name where a key
 * was looked for, never its contents.
 */

/** Who signs with a pair, where its halves are looked for, and how errors speak of it. */
export interface SigningKeyRole {
  /** The holder of the private key, as messages name it: `policy publisher`, `catalog`. */
  signer: string;
  /** The private key, as messages name it: `policy signing key`. */
  name: string;
  /** The variable holding the private JWK (the signer's only). */
  privateEnv: string;
  /** The variable holding the public JWK (every follower's). */
  publicEnv: string;
  /** The development files' names, in the keys directory. */
  privateFile: string;
  publicFile: string;
  /** How the public key is given in code, as messages name it: `the policy store's publicKey option`. */
  publicOption: string;
  /** What creates the development pair: for the error that finds no public key. */
  createdBy: string;
  /** What a follower without the public key could not do: the rest of that error. */
  withoutIt: string;
}

export interface PublicSigningKey {
  publicKey: KeyObject;
  /** The RFC 7638 thumbprint (sha256, base64url) of the public key: what signatures and records name it by. */
  keyId: string;
}

export interface SigningKey extends PublicSigningKey {
  privateKey: KeyObject;
}

/** `<GOVGRAPH_DATA_DIR or ./.data>/keys` of the given environment, where the development pairs live (beside the gateway's). */
export function keysDirOf(env: KeyEnv, cwd: string = process.cwd()): string {
  return path.join(path.resolve(cwd, env.GOVGRAPH_DATA_DIR ?? '.data'), 'keys');
}

/** A fresh pair as JWKs (tests; the first use in development). */
export function generateSigningKeys(): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

/** The thumbprint of an Ed25519 public key: sha256 of `{"crv","kty","x"}` in that order (RFC 7638). */
export function signingKeyId(publicKey: KeyObject): string {
  const { crv, kty, x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
}

/** A private key with its public half and key id. */
export function signingKeyOf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: signingKeyId(publicKey) };
}

export interface LoadSigningKeyOptions {
  /** Given in code (tests, embedding): comes before the environment and the file. */
  jwk?: JWK;
  /** The environment the role's variable is read from (the caller's: `process.env` at the command line, none in tests). */
  env: KeyEnv;
  /** Where the development pair is read and created; defaults to `keysDirOf(env)`. */
  dir?: string;
  /** Create the development pair when there is none (never in production: a key nobody gave the followers would only get everything it signs refused). */
  create: boolean;
}

/** The key given in code, else the variable's value, as `loadKeyMaterial` takes it. */
function givenKey(jwk: JWK | undefined, env: KeyEnv, variable: string, option: string): { value: string | undefined; source: string } {
  return jwk ? { value: JSON.stringify(jwk), source: option } : { value: env[variable], source: variable };
}

/**
 * The signer's key: `jwk`, else the role's private variable (JSON), else `<dir>/<private file>`,
 * else (with `create`) a new pair written there, the private file readable by its owner only.
 */
export function loadOrCreateSigningKey(role: SigningKeyRole, { jwk, env, dir = keysDirOf(env), create }: LoadSigningKeyOptions): SigningKey {
  const file = path.join(dir, role.privateFile);
  const { key } = loadKeyMaterial({
    given: givenKey(jwk, env, role.privateEnv, `the ${role.name} given`),
    file,
    parse: (text, source) => signingKeyOf(importEd25519Jwk(text, source, role.signer, 'private')),
    create: create
      ? () => {
          const pair = generateSigningKeys();
          return { text: JSON.stringify(pair.privateJwk), beside: { [role.publicFile]: JSON.stringify(pair.publicJwk) } };
        }
      : undefined,
    missing: `No ${role.name}: set ${role.privateEnv} to the ${role.signer}'s private JWK, or put it in ${file} (it is generated there only in development)`,
  });
  return key;
}

export type LoadPublicKeyOptions = Omit<LoadSigningKeyOptions, 'create'>;

/**
 * The key a follower verifies with: `jwk`, else the role's public variable (JSON), else
 * `<dir>/<public file>`. None → an error saying how to provide one: a follower never follows
 * what it cannot check.
 */
export function loadPublicKey(role: SigningKeyRole, { jwk, env, dir = keysDirOf(env) }: LoadPublicKeyOptions): PublicSigningKey {
  const file = path.join(dir, role.publicFile);
  const { key: publicKey } = loadKeyMaterial({
    given: givenKey(jwk, env, role.publicEnv, role.publicOption),
    file,
    parse: (text, source) => importEd25519Jwk(text, source, role.signer, 'public'),
    missing: `No ${role.signer}'s public key: set ${role.publicEnv} to it (a JWK), or put it in ${file} (in development ${role.createdBy} the pair there). Without it ${role.withoutIt}`,
  });
  return { publicKey, keyId: signingKeyId(publicKey) };
}
