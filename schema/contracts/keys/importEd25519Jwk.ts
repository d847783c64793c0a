import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { parseKeyJson } from './loadKeyMaterial';

/** Which half of an Ed25519 pair is wanted. */
export type KeyHalf = 'private' | 'public';

/** How an Ed25519 key is to be given, for the errors: `give the catalog's Ed25519 public key as a JWK (…)`. */
export function ed25519JwkHint(owner: string, half: KeyHalf): string {
  return `give the ${owner}'s Ed25519 ${half} key as a JWK (JSON with kty "OKP", crv "Ed25519"${half === 'private' ? ', x and d' : ' and x'})`;
}

/** `value` as a JWK object: parsed when it is text, refused naming `source` when it is not an Ed25519 one. */
export function ed25519JwkOf(value: string | JWK | unknown, source: string, owner: string, half: KeyHalf): JWK {
  const how = ed25519JwkHint(owner, half);
  const jwk = typeof value === 'string' ? parseKeyJson(value, source, how) : value;
  if (typeof jwk !== 'object' || jwk === null || (jwk as JWK).kty !== 'OKP' || (jwk as JWK).crv !== 'Ed25519') throw new Error(`${source} is not an Ed25519 JWK: ${how}`);
  if (half === 'public' && (jwk as JWK).d !== undefined) throw new Error(`${source} holds a private key: instances get only the public key (drop "d")`);
  return jwk as JWK;
}

/**
 * An Ed25519 key from a JWK (text from a variable or a file, or an object given in code),
 * refusing anything but the wanted half. Errors name `source`, never the key.
 */
export function importEd25519Jwk(value: string | JWK, source: string, owner: string, half: KeyHalf): KeyObject {
  const jwk = ed25519JwkOf(value, source, owner, half);
  try {
    return half === 'private' ? createPrivateKey({ key: jwk as never, format: 'jwk' }) : createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as never, format: 'jwk' });
  } catch {
    throw new Error(`${source} is not a usable Ed25519 ${half} key: ${ed25519JwkHint(owner, half)}`);
  }
}
