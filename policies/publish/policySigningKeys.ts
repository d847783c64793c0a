import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';

/**
 * The key pair published policy bundles are signed with (Ed25519). The publisher holds the
 * private key; every instance following a policy store holds only the public key, and loads
 * nothing it does not verify. Errors name where a key was looked for, never its contents.
 */
export const POLICY_SIGNING_JWK_ENV = 'GOVGRAPH_POLICY_SIGNING_JWK';
export const POLICY_PUBLIC_JWK_ENV = 'GOVGRAPH_POLICY_PUBLIC_JWK';
export const POLICY_SIGNING_PRIVATE_FILE = 'policy-signing.private.jwk.json';
export const POLICY_SIGNING_PUBLIC_FILE = 'policy-signing.public.jwk.json';

export interface PolicyPublicKey {
  publicKey: KeyObject;
  /** The RFC 7638 thumbprint (sha256, base64url) of the public key: what signatures and records name it by. */
  keyId: string;
}

export interface PolicySigningKey extends PolicyPublicKey {
  privateKey: KeyObject;
}

/** `<GOVGRAPH_DATA_DIR or ./.data>/keys`, where the development pair lives (beside the gateway's). */
export function policyKeysDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return path.join(path.resolve(cwd, env.GOVGRAPH_DATA_DIR ?? '.data'), 'keys');
}

/** A fresh pair as JWKs (tests; the first publication in development). */
export function generatePolicySigningKeys(): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

/** The thumbprint of an Ed25519 public key: sha256 of `{"crv","kty","x"}` in that order (RFC 7638). */
export function policyKeyId(publicKey: KeyObject): string {
  const { crv, kty, x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
}

/** Parses a JWK from `source` (an env var or a file), refusing anything but an Ed25519 key of the wanted kind. */
function importKey(text: string | JWK, source: string, kind: 'private' | 'public'): KeyObject {
  const how = `give the policy publisher's Ed25519 ${kind} key as a JWK (JSON with kty "OKP", crv "Ed25519"${kind === 'private' ? ', x and d' : ' and x'})`;
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

export interface LoadPolicySigningKeyOptions {
  /** Where the development pair is read and created; defaults to `policyKeysDir(env)`. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** Create the development pair when there is none (never in production: a key nobody gave the instances would only get every publication refused). */
  create: boolean;
}

/**
 * The publisher's key: `GOVGRAPH_POLICY_SIGNING_JWK` (JSON), else `<dir>/policy-signing.private.jwk.json`,
 * else (with `create`) a new pair written there, the private file readable by its owner only.
 */
export function loadOrCreatePolicySigningKey({ env = process.env, dir = policyKeysDir(env), create }: LoadPolicySigningKeyOptions): PolicySigningKey {
  const file = path.join(dir, POLICY_SIGNING_PRIVATE_FILE);
  let privateKey: KeyObject;
  if (env[POLICY_SIGNING_JWK_ENV]) {
    privateKey = importKey(env[POLICY_SIGNING_JWK_ENV], POLICY_SIGNING_JWK_ENV, 'private');
  } else if (fs.existsSync(file)) {
    privateKey = importKey(fs.readFileSync(file, 'utf8'), file, 'private');
  } else if (create) {
    const pair = generatePolicySigningKeys();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(pair.privateJwk), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, POLICY_SIGNING_PUBLIC_FILE), JSON.stringify(pair.publicJwk));
    privateKey = importKey(pair.privateJwk, file, 'private');
  } else {
    throw new Error(`No policy signing key: set ${POLICY_SIGNING_JWK_ENV} to the publisher's private JWK, or put it in ${file} (it is generated there only in development)`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: policyKeyId(publicKey) };
}

export interface LoadPolicyPublicKeyOptions {
  /** Given in code (tests, embedding): comes before the environment and the file. */
  jwk?: JWK;
  /** Where the development public key is read; defaults to `policyKeysDir(env)`. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The key an instance verifies published bundles with: `jwk`, else `GOVGRAPH_POLICY_PUBLIC_JWK`
 * (JSON), else `<dir>/policy-signing.public.jwk.json`. None → an error saying how to provide one:
 * an instance never follows a policy store it cannot check.
 */
export function loadPolicyPublicKey({ jwk, env = process.env, dir = policyKeysDir(env) }: LoadPolicyPublicKeyOptions = {}): PolicyPublicKey {
  const file = path.join(dir, POLICY_SIGNING_PUBLIC_FILE);
  let publicKey: KeyObject;
  if (jwk) publicKey = importKey(jwk, "the policy store's publicKey option", 'public');
  else if (env[POLICY_PUBLIC_JWK_ENV]) publicKey = importKey(env[POLICY_PUBLIC_JWK_ENV], POLICY_PUBLIC_JWK_ENV, 'public');
  else if (fs.existsSync(file)) publicKey = importKey(fs.readFileSync(file, 'utf8'), file, 'public');
  else {
    throw new Error(
      `No policy publisher's public key: set ${POLICY_PUBLIC_JWK_ENV} to it (a JWK), or put it in ${file} ` +
        '(in development `npm start` and `govgraph policy publish` create the pair there). Without it no published policy bundle can be verified, so none would ever load',
    );
  }
  return { publicKey, keyId: policyKeyId(publicKey) };
}
