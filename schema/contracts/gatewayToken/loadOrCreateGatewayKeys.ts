import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { ed25519JwkOf, importEd25519Jwk } from '../keys/importEd25519Jwk';
import { loadKeyMaterial } from '../keys/loadKeyMaterial';
import { GATEWAY_PREVIOUS_PUBLIC_JWK_ENV, GATEWAY_PRIVATE_FILE, GATEWAY_PRIVATE_JWK_ENV, GATEWAY_PUBLIC_FILE } from './gatewayKeyFiles';
import { gatewayKeysOf, generateGatewayKeys, type GatewayKeys } from './GatewayKeys';
import { parsePublicJwks } from './parsePublicJwks';

export interface LoadGatewayKeysOptions {
  /** The development keys directory (`<data dir>/keys`). */
  dir: string;
  /** `GOVGRAPH_GATEWAY_PRIVATE_JWK` as the configuration holds it: the current key, which signs. */
  privateJwk?: string;
  /** `GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK`: a public JWK or a JWKS published beside the current key. */
  previousPublicJwks?: string;
  /** Create the development pair when there is no key (never in production). */
  create: boolean;
}

/** A private JWK, checked to be a usable Ed25519 key; errors name `source`, never the key. */
function parsePrivateJwk(text: string, source: string): JWK {
  importEd25519Jwk(text, source, 'gateway', 'private');
  return ed25519JwkOf(text, source, 'gateway', 'private');
}

/**
 * The gateway's token keys. The current key, which signs: `GOVGRAPH_GATEWAY_PRIVATE_JWK`, else
 * `<dir>/gateway-signing.private.jwk.json`, else (development) a new pair written there. The
 * keys published beside it during a rollover: `GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK` (a JWK or
 * JWKS), else, with the development files, the other keys of the JWKS in
 * `<dir>/gateway-signing.public.jwk.json` (`govgraph keys rotate` leaves the previous key there).
 */
export async function loadOrCreateGatewayKeys(options: LoadGatewayKeysOptions): Promise<GatewayKeys> {
  const privateFile = path.join(options.dir, GATEWAY_PRIVATE_FILE);
  const publicFile = path.join(options.dir, GATEWAY_PUBLIC_FILE);
  // Made ahead (key generation is asynchronous), only when there may be nothing to load.
  const fresh = options.create && !options.privateJwk && !fs.existsSync(privateFile) ? await generateGatewayKeys() : undefined;
  const current = loadKeyMaterial({
    given: { value: options.privateJwk, source: GATEWAY_PRIVATE_JWK_ENV },
    file: privateFile,
    parse: parsePrivateJwk,
    create: fresh && (() => ({ text: JSON.stringify(fresh.privateJwk) })),
    missing: `No gateway signing key: set ${GATEWAY_PRIVATE_JWK_ENV} to the gateway's private JWK, or put it in ${privateFile} (it is generated there only in development)`,
  });
  let previous: JWK[] = [];
  if (options.previousPublicJwks) previous = parsePublicJwks(options.previousPublicJwks, GATEWAY_PREVIOUS_PUBLIC_JWK_ENV);
  else if (current.source === privateFile && !current.created && fs.existsSync(publicFile)) previous = parsePublicJwks(fs.readFileSync(publicFile, 'utf8'), publicFile);
  const keys = await gatewayKeysOf(current.key, previous);
  // The JWKS departments read in development, written beside the new key.
  if (current.created) fs.writeFileSync(publicFile, JSON.stringify(keys.jwks, null, 2));
  return keys;
}

/**
 * Development rotation (`govgraph keys rotate`): a new current key in `<dir>`, the one it
 * replaces kept in the published JWKS as the previous key (any older one dropped), so tokens
 * it signed still verify until they expire. The gateway signs with the new key once restarted;
 * departments following its JWKS URL pick it up by its kid, those reading the file on their next start.
 */
export async function rotateGatewayKeys(dir: string): Promise<{ kid: string; previousKid: string }> {
  const privateFile = path.join(dir, GATEWAY_PRIVATE_FILE);
  const before = await loadOrCreateGatewayKeys({ dir, create: false });
  const fresh = await generateGatewayKeys();
  const after = await gatewayKeysOf(fresh.privateJwk, [before.publicJwk]);
  // A new file renamed over the old one: a gateway starting meanwhile reads one whole key or the other.
  const next = `${privateFile}.${process.pid}.new`;
  fs.writeFileSync(next, JSON.stringify(fresh.privateJwk), { mode: 0o600, flag: 'wx' });
  fs.renameSync(next, privateFile);
  fs.writeFileSync(path.join(dir, GATEWAY_PUBLIC_FILE), JSON.stringify(after.jwks, null, 2));
  return { kid: after.kid, previousKid: before.kid };
}
