import type { JWK } from 'jose';
import { ed25519JwkOf } from '../keys/importEd25519Jwk';
import { parseKeyJson } from '../keys/loadKeyMaterial';

/**
 * The gateway's public keys in `text`: one JWK, or a JWKS (`{"keys": [...]}`) of one or more,
 * each an Ed25519 public key. Errors name `source` and the key's place, never the text.
 */
export function parsePublicJwks(text: string, source: string): JWK[] {
  const value = parseKeyJson(text, source, 'give a JWK or a JWKS ({"keys": [...]}) of Ed25519 public keys');
  if (typeof value === 'object' && value !== null && 'keys' in value) {
    const { keys } = value as { keys: unknown };
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${source} is a JWKS without keys: give at least one Ed25519 public key in "keys"`);
    return keys.map((key, i) => ed25519JwkOf(key, `${source} (key ${i + 1})`, 'gateway', 'public'));
  }
  return [ed25519JwkOf(value, source, 'gateway', 'public')];
}
