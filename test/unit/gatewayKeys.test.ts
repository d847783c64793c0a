import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import {
  gatewayKeysOf,
  generateGatewayKeys,
  loadOrCreateGatewayKeys,
  localGatewayKeys,
  rotateGatewayKeys,
  signGatewayToken,
  verifyGatewayToken,
  type GatewayClaims,
} from '../../schema/contracts/gatewayToken';

const CLAIMS: GatewayClaims = { identity: null, purpose: null, requestId: 'r-1', caseId: null };
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-gateway-keys-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const publicFile = () => path.join(dir, 'gateway-signing.public.jwk.json');
const privateFile = () => path.join(dir, 'gateway-signing.private.jwk.json');

describe('gateway keys', () => {
  it('a key → published with its RFC 7638 thumbprint as kid, alg EdDSA, use sig, no private part', async () => {
    const { privateJwk, publicJwk } = await generateGatewayKeys();
    const keys = await gatewayKeysOf({ ...privateJwk, kid: 'a-name-of-its-own' });
    expect(keys.jwks).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x, kid: await calculateJwkThumbprint(publicJwk), alg: 'EdDSA', use: 'sig' }] });
  });

  it('first start in development → a private file only its owner may read, and the JWKS departments read beside it', async () => {
    const keys = await loadOrCreateGatewayKeys({ dir, create: true });
    expect({ mode: fs.statSync(privateFile()).mode & 0o777, published: JSON.parse(fs.readFileSync(publicFile(), 'utf8')) }).toEqual({ mode: 0o600, published: keys.jwks });
  });

  it('no key and creation not allowed (production) → refused, naming the variable and the file', async () => {
    await expect(loadOrCreateGatewayKeys({ dir, create: false })).rejects.toThrow(
      `No gateway signing key: set GOVGRAPH_GATEWAY_PRIVATE_JWK to the gateway's private JWK, or put it in ${privateFile()}`,
    );
  });

  it('GOVGRAPH_GATEWAY_PRIVATE_JWK and a previous public key → signs with the first, publishes both, writes no file', async () => {
    const current = await generateGatewayKeys();
    const previous = await generateGatewayKeys();
    const keys = await loadOrCreateGatewayKeys({ dir, privateJwk: JSON.stringify(current.privateJwk), previousPublicJwks: JSON.stringify(previous.publicJwk), create: true });
    expect({ kids: keys.jwks.keys.map((key) => key.kid), files: fs.readdirSync(dir) }).toEqual({
      kids: [await calculateJwkThumbprint(current.publicJwk), await calculateJwkThumbprint(previous.publicJwk)],
      files: [],
    });
  });

  it('a GOVGRAPH_GATEWAY_PRIVATE_JWK that is not a key → refused, naming the variable, never quoting it', async () => {
    const value = JSON.stringify({ kty: 'OKP', crv: 'X25519', x: 'eA', d: 'c2VjcmV0LXNlY3JldA' });
    const message = await loadOrCreateGatewayKeys({ dir, privateJwk: value, create: false }).then(
      () => '',
      (error: Error) => error.message,
    );
    expect({ names: message.startsWith('GOVGRAPH_GATEWAY_PRIVATE_JWK is not an Ed25519 JWK'), repeats: message.includes('c2VjcmV0LXNlY3JldA') }).toEqual({
      names: true,
      repeats: false,
    });
  });

  it('a previous key holding its private part → refused: only public keys are published', async () => {
    const previous = await generateGatewayKeys();
    await expect(loadOrCreateGatewayKeys({ dir, previousPublicJwks: JSON.stringify({ keys: [previous.privateJwk] }), create: true })).rejects.toThrow(
      'GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK (key 1) holds a private key',
    );
  });

  it('keys rotate → the new key signs, tokens of the previous one still verify against the published JWKS', async () => {
    const before = await loadOrCreateGatewayKeys({ dir, create: true });
    const oldToken = await signGatewayToken(before, 'population', CLAIMS);
    const { kid, previousKid } = await rotateGatewayKeys(dir);
    const after = await loadOrCreateGatewayKeys({ dir, create: false });
    const published = await localGatewayKeys(JSON.parse(fs.readFileSync(publicFile(), 'utf8')));
    const newToken = await signGatewayToken(after, 'population', CLAIMS);
    expect({
      kids: after.jwks.keys.map((key) => key.kid),
      signsWith: decodeProtectedHeader(newToken).kid,
      mode: fs.statSync(privateFile()).mode & 0o777,
      oldVerifies: (await verifyGatewayToken(published, 'population', oldToken)).requestId,
      newVerifies: (await verifyGatewayToken(published, 'population', newToken)).requestId,
      previousKid,
    }).toEqual({ kids: [kid, previousKid], signsWith: kid, mode: 0o600, oldVerifies: 'r-1', newVerifies: 'r-1', previousKid: before.kid });
  });

  it('a second rotation → the key before the previous one is no longer published', async () => {
    const first = await loadOrCreateGatewayKeys({ dir, create: true });
    await rotateGatewayKeys(dir);
    await rotateGatewayKeys(dir);
    const kids = (await loadOrCreateGatewayKeys({ dir, create: false })).jwks.keys.map((key) => key.kid);
    expect({ count: kids.length, firstStillPublished: kids.includes(first.kid) }).toEqual({ count: 2, firstStillPublished: false });
  });
});
