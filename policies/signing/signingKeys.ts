import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';

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

/** `<GOVGRAPH_DATA_DIR or ./.data>/keys`, where the development pairs live (beside the gateway's). */
export function keysDirOf(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
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

/** Parses a JWK from `source` (an option, a variable or a file), refusing anything but an Ed25519 key of the wanted kind. */
function importKey(role: SigningKeyRole, text: string | JWK, source: string, kind: 'private' | 'public'): KeyObject {
  const how = `give the ${role.signer}'s Ed25519 ${kind} key as a JWK (JSON with kty "OKP", crv "Ed25519"${kind === 'private' ? ', x and d' : ' and x'})`;
  let jwk: JWK;
  try {
    jwk = typeof text === 'string' ? (JSON.parse(text) as JWK) : text;
  } catch {
    throw new Error(`${source} is not JSON: ${how}`);
  }
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error(`${source} is not an Ed25519 JWK: ${how}`);
  if (kind === 'public' && jwk.d !== undefined) throw new Error(`${source} holds a private key: instances get only the public key (drop "d")`);
  try {
    return kind === 'private' ? createPrivateKey({ key: jwk as never, format: 'jwk' }) : createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as never, format: 'jwk' });
  } catch {
    throw new Error(`${source} is not a usable Ed25519 ${kind} key: ${how}`);
  }
}

export interface LoadSigningKeyOptions {
  /** Given in code (tests, embedding): comes before the environment and the file. */
  jwk?: JWK;
  /** Where the development pair is read and created; defaults to `keysDirOf(env)`. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** Create the development pair when there is none (never in production: a key nobody gave the followers would only get everything it signs refused). */
  create: boolean;
}

/**
 * The signer's key: `jwk`, else the role's private variable (JSON), else `<dir>/<private file>`,
 * else (with `create`) a new pair written there, the private file readable by its owner only.
 */
export function loadOrCreateSigningKey(role: SigningKeyRole, { jwk, env = process.env, dir = keysDirOf(env), create }: LoadSigningKeyOptions): SigningKey {
  const file = path.join(dir, role.privateFile);
  if (jwk) return signingKeyOf(importKey(role, jwk, `the ${role.name} given`, 'private'));
  if (env[role.privateEnv]) return signingKeyOf(importKey(role, env[role.privateEnv]!, role.privateEnv, 'private'));
  if (fs.existsSync(file)) return signingKeyOf(importKey(role, fs.readFileSync(file, 'utf8'), file, 'private'));
  if (!create) throw new Error(`No ${role.name}: set ${role.privateEnv} to the ${role.signer}'s private JWK, or put it in ${file} (it is generated there only in development)`);
  const pair = generateSigningKeys();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(pair.privateJwk), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, role.publicFile), JSON.stringify(pair.publicJwk));
  return signingKeyOf(importKey(role, pair.privateJwk, file, 'private'));
}

export type LoadPublicKeyOptions = Omit<LoadSigningKeyOptions, 'create'>;

/**
 * The key a follower verifies with: `jwk`, else the role's public variable (JSON), else
 * `<dir>/<public file>`. None → an error saying how to provide one: a follower never follows
 * what it cannot check.
 */
export function loadPublicKey(role: SigningKeyRole, { jwk, env = process.env, dir = keysDirOf(env) }: LoadPublicKeyOptions = {}): PublicSigningKey {
  const file = path.join(dir, role.publicFile);
  let publicKey: KeyObject;
  if (jwk) publicKey = importKey(role, jwk, role.publicOption, 'public');
  else if (env[role.publicEnv]) publicKey = importKey(role, env[role.publicEnv]!, role.publicEnv, 'public');
  else if (fs.existsSync(file)) publicKey = importKey(role, fs.readFileSync(file, 'utf8'), file, 'public');
  else throw new Error(`No ${role.signer}'s public key: set ${role.publicEnv} to it (a JWK), or put it in ${file} (in development ${role.createdBy} the pair there). Without it ${role.withoutIt}`);
  return { publicKey, keyId: signingKeyId(publicKey) };
}
