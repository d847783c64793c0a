import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';
import {
  loadPolicyPublicKey,
  POLICIES_DIR,
  POLICY_PUBLIC_JWK_ENV,
  readPolicyDir,
  signedPolicyContent,
  signPolicyBundle,
  verifyPolicyBundle,
  type PolicyBundle,
  type UnsignedPolicyBundle,
} from '../../policies';
import { hashPolicyFiles } from '../../policies/engine/hashPolicyFiles';
import { newSigningKey } from '../support/newSigningKey';

/** Signing a published policy bundle and checking it, without a Redis: what an instance accepts and how it says no. */
const SHIPPED = readPolicyDir(POLICIES_DIR).files;
const { key: KEY, publicJwk: PUBLIC_JWK } = newSigningKey();
const { key: OTHER_KEY } = newSigningKey();
const UNSIGNED: UnsignedPolicyBundle = {
  version: 7,
  hash: hashPolicyFiles(SHIPPED),
  files: SHIPPED,
  publishedBy: 'officer-li',
  publishedAt: '2026-11-27T09:00:00.000Z',
  previousHash: null,
};
const NOT_SIGNED = `The policies of published version 7 were not loaded: the bundle is not signed by the policy publisher's key ${KEY.keyId} (`;

async function signed(key = KEY): Promise<PolicyBundle> {
  return { ...UNSIGNED, signature: await signPolicyBundle(UNSIGNED, key) };
}

async function problemOf(bundle: PolicyBundle): Promise<string> {
  const check = await verifyPolicyBundle(bundle, KEY);
  if (check.kind !== 'refused') throw new Error('expected a refusal');
  return check.problem;
}

describe('verifying a published bundle', () => {
  it("signed with the publisher's key → signed, by that key id", async () => {
    expect(await verifyPolicyBundle(await signed(), KEY)).toEqual({ kind: 'signed', keyId: KEY.keyId });
  });

  it('no signature → refused: it carries none', async () => {
    expect(await problemOf({ ...UNSIGNED, signature: null })).toBe(
      `${NOT_SIGNED}it carries no signature: only \`govgraph policy publish\` with the signing key makes bundles instances load)`,
    );
  });

  it('signed with another key → refused, naming that key', async () => {
    expect(await problemOf(await signed(OTHER_KEY))).toBe(`${NOT_SIGNED}it is signed by another key, ${OTHER_KEY.keyId})`);
  });

  it('a file changed after signing, hash recomputed → refused as changed', async () => {
    const files = SHIPPED.map((f, i) => (i === 0 ? { file: f.file, text: `${f.text}\n# widened` } : f));
    expect(await problemOf({ ...(await signed()), files, hash: hashPolicyFiles(files) })).toBe(
      `${NOT_SIGNED}its content does not match its signature: changed after it was signed)`,
    );
  });

  it.each([
    ['the publisher', { publishedBy: 'intruder' }],
    ['the previous hash', { previousHash: 'a'.repeat(64) }],
    ['the time', { publishedAt: '2027-01-01T00:00:00.000Z' }],
  ])('%s changed after signing → refused as changed', async (_name, change) => {
    expect(await problemOf({ ...(await signed()), ...change })).toContain('its content does not match its signature');
  });

  it('a compact JWS carrying its payload (not detached) → refused', async () => {
    const [header, , signature] = (await signed()).signature!.split('.');
    expect(await problemOf({ ...UNSIGNED, signature: `${header}.e30.${signature}` })).toBe(`${NOT_SIGNED}its signature is not a detached JWS, header..signature)`);
  });

  it('a header naming another algorithm → refused', async () => {
    const [, , signature] = (await signed()).signature!.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'govgraph-policy+jws' })).toString('base64url');
    expect(await problemOf({ ...UNSIGNED, signature: `${header}..${signature}` })).toBe(`${NOT_SIGNED}it is signed with an algorithm other than EdDSA)`);
  });

  it("signed by the publisher's key for another purpose (typ) → refused", async () => {
    const [header, , signature] = (
      await new CompactSign(signedPolicyContent(UNSIGNED)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: KEY.keyId }).sign(KEY.privateKey)
    ).split('.');
    expect(await problemOf({ ...UNSIGNED, signature: `${header}..${signature}` })).toBe(`${NOT_SIGNED}its signature is of type "JWT", not govgraph-policy+jws)`);
  });
});

describe("the publisher's public key on an instance", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policy-keys-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('none given, no file → an error naming GOVGRAPH_POLICY_PUBLIC_JWK and the file', () => {
    expect(() => loadPolicyPublicKey({ dir, env: {} })).toThrow(
      `No policy publisher's public key: set GOVGRAPH_POLICY_PUBLIC_JWK to it (a JWK), or put it in ${path.join(dir, 'policy-signing.public.jwk.json')}`,
    );
  });

  it('GOVGRAPH_POLICY_PUBLIC_JWK → that key, before the file', () => {
    fs.writeFileSync(path.join(dir, 'policy-signing.public.jwk.json'), JSON.stringify(newSigningKey().publicJwk));
    expect(loadPolicyPublicKey({ dir, env: { [POLICY_PUBLIC_JWK_ENV]: JSON.stringify(PUBLIC_JWK) } }).keyId).toBe(KEY.keyId);
  });

  it('the public key file → that key', () => {
    fs.writeFileSync(path.join(dir, 'policy-signing.public.jwk.json'), JSON.stringify(PUBLIC_JWK));
    expect(loadPolicyPublicKey({ dir, env: {} }).keyId).toBe(KEY.keyId);
  });

  it('a private key given as the public one → refused: instances hold only the public key', () => {
    const privateJwk = KEY.privateKey.export({ format: 'jwk' }) as JWK;
    expect(() => loadPolicyPublicKey({ dir, env: { [POLICY_PUBLIC_JWK_ENV]: JSON.stringify(privateJwk) } })).toThrow('GOVGRAPH_POLICY_PUBLIC_JWK holds a private key');
  });

  it('the key id → the RFC 7638 thumbprint of the public JWK', async () => {
    expect(KEY.keyId).toBe(await calculateJwkThumbprint(PUBLIC_JWK, 'sha256'));
  });
});
