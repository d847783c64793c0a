import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { GATEWAY_TOKEN_ALG } from './gatewayTokenContract';

/** A JSON Web Key Set (RFC 7517): what the gateway publishes and departments verify with. */
export interface GatewayJwks {
  keys: JWK[];
}

/** What signs a gateway token: the private key and the `kid` the token's header names it by. */
export interface GatewaySigningKey {
  privateKey: KeyObject;
  kid: string;
}

/** The gateway's keys: the current pair, which signs, and every public key it publishes. */
export interface GatewayKeys extends GatewaySigningKey {
  publicKey: KeyObject;
  /** The current key's public JWK as published (`kid`, `alg`, `use`). */
  publicJwk: JWK;
  /** What `/.well-known/jwks.json` serves: the current key first, then the previous ones (a rollover). */
  jwks: GatewayJwks;
}

/** A fresh key pair as JWKs (tests; first start in development; `govgraph keys rotate`). */
export async function generateGatewayKeys(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

/**
 * An Ed25519 public key as the gateway publishes it: `kid` its RFC 7638 thumbprint (so the
 * gateway and every department name a key alike, whatever `kid` a given JWK carried),
 * `alg: EdDSA`, `use: sig`, and nothing else.
 */
export async function publishedJwkOf(jwk: JWK): Promise<JWK> {
  const key = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  return { ...key, kid: await calculateJwkThumbprint(key), alg: GATEWAY_TOKEN_ALG, use: 'sig' };
}

/** The published form of each key, the first of each `kid` kept. */
export async function publishedJwksOf(jwks: JWK[]): Promise<GatewayJwks> {
  const keys: JWK[] = [];
  for (const jwk of jwks) {
    const published = await publishedJwkOf(jwk);
    if (!keys.some((key) => key.kid === published.kid)) keys.push(published);
  }
  return { keys };
}

/** The keys of a private JWK (the current key) and the public JWKs still published beside it. */
export async function gatewayKeysOf(privateJwk: JWK, previousPublicJwks: JWK[] = []): Promise<GatewayKeys> {
  const privateKey = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const jwks = await publishedJwksOf([publicKey.export({ format: 'jwk' }) as JWK, ...previousPublicJwks]);
  const publicJwk = jwks.keys[0];
  return { privateKey, publicKey, kid: publicJwk.kid as string, publicJwk, jwks };
}
