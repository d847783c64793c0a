import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import {
  GRANT_PUBLIC_JWK_ENV,
  GRANT_SIGNING_JWK_ENV,
  loadGrantPublicKey,
  loadOrCreateGrantSigningKey,
  signedGrantContent,
  signGrantSnapshot,
  verifyGrantSnapshot,
  type AccessGrant,
  type GrantSnapshot,
} from '../../policies/grants';
import { signDetached } from '../../policies/signing';
import { newSigningKey } from '../support/newSigningKey';
import { SAMPLE_GRANT } from '../support/sampleGrant';

/** Signing a grant snapshot and checking it, without a store: what a follower accepts and how it says no. */
const { key: KEY, publicJwk: PUBLIC_JWK, privateJwk: PRIVATE_JWK } = newSigningKey();
const { key: OTHER_KEY } = newSigningKey();
const UNSIGNED: GrantSnapshot = { version: 7, grants: [SAMPLE_GRANT] };
const NOT_SIGNED = `The grants of published version 7 were not put in force: the snapshot is not signed by the catalog's key ${KEY.keyId} (`;

async function signed(snapshot: GrantSnapshot = UNSIGNED, key = KEY): Promise<GrantSnapshot> {
  return { ...snapshot, signature: await signGrantSnapshot(snapshot, key) };
}

async function problemOf(snapshot: GrantSnapshot, versionInForce = 0): Promise<string> {
  const check = await verifyGrantSnapshot(snapshot, KEY, versionInForce);
  if (check.kind !== 'refused') throw new Error('expected a refusal');
  return check.problem;
}

describe('verifying a published grant snapshot', () => {
  it("signed with the catalog's key → accepted", async () => {
    expect(await verifyGrantSnapshot(await signed(), KEY, 6)).toEqual({ kind: 'accepted' });
  });

  it('the same snapshot stored with its keys in another order → accepted', async () => {
    const { signature } = await signed();
    const reordered = JSON.parse(JSON.stringify({ signature, grants: [Object.fromEntries(Object.entries(SAMPLE_GRANT).reverse())], version: 7 })) as GrantSnapshot;
    expect(await verifyGrantSnapshot(reordered, KEY, 0)).toEqual({ kind: 'accepted' });
  });

  it('nothing published yet (version 0, no grants, no signature) → accepted: it grants nothing', async () => {
    expect(await verifyGrantSnapshot({ version: 0, grants: [] }, KEY, -1)).toEqual({ kind: 'accepted' });
  });

  it('no signature → refused: it carries none', async () => {
    expect(await problemOf(UNSIGNED)).toBe(`${NOT_SIGNED}it carries no signature: only the catalog publishes grants, signed with its grant signing key)`);
  });

  it('an unsigned version 0 that grants something → refused', async () => {
    expect(await problemOf({ version: 0, grants: [SAMPLE_GRANT] })).toContain('it carries no signature');
  });

  it('signed with another key → refused, naming that key', async () => {
    expect(await problemOf(await signed(UNSIGNED, OTHER_KEY))).toBe(`${NOT_SIGNED}it is signed by another key, ${OTHER_KEY.keyId})`);
  });

  it.each([
    ['a grant widened', (s: GrantSnapshot) => ({ ...s, grants: [{ ...SAMPLE_GRANT, coordinates: ['Person.householdAddress', 'Person.phone'] }] })],
    ['a grant added', (s: GrantSnapshot) => ({ ...s, grants: [SAMPLE_GRANT, { ...SAMPLE_GRANT, id: 'G-000002', grantee: 'licenses' }] })],
    ['a grant given a later until', (s: GrantSnapshot) => ({ ...s, grants: [{ ...SAMPLE_GRANT, until: '2099-01-01T00:00:00.000Z' }] })],
    ['a field the follower does not know added', (s: GrantSnapshot) => ({ ...s, grants: [{ ...SAMPLE_GRANT, note: 'added' } as AccessGrant] })],
    ['the version raised', (s: GrantSnapshot) => ({ ...s, version: 8 })],
  ])('%s after signing → refused as changed', async (_name, change) => {
    expect(await problemOf(change(await signed()))).toContain('its content does not match its signature: changed after it was signed');
  });

  it('a signature carrying its payload (not detached) → refused', async () => {
    const [header, , signature] = (await signed()).signature!.split('.');
    expect(await problemOf({ ...UNSIGNED, signature: `${header}.e30.${signature}` })).toBe(`${NOT_SIGNED}its signature is not a detached JWS, header..signature)`);
  });

  it("signed by the catalog's key for another purpose (a policy bundle's typ) → refused", async () => {
    const signature = await signDetached(signedGrantContent(UNSIGNED), KEY, 'govgraph-policy+jws');
    expect(await problemOf({ ...UNSIGNED, signature })).toBe(`${NOT_SIGNED}its signature is of type "govgraph-policy+jws", not govgraph-grants+jws)`);
  });

  it('older than the version in force, signed → refused as a replay', async () => {
    expect(await problemOf(await signed(), 9)).toBe(
      'The grants of published version 7 were not put in force: version 9 is in force and an older version is never put back (a replayed snapshot). If the grant store was emptied, restart the gateways and departments',
    );
  });

  it('the version in force itself, signed → accepted (nothing new)', async () => {
    expect(await verifyGrantSnapshot(await signed(), KEY, 7)).toEqual({ kind: 'accepted' });
  });

  it('a refusal → names the key id, never the signature or the key', async () => {
    const forged = await signed(UNSIGNED, OTHER_KEY);
    const problem = await problemOf(forged);
    expect([problem.includes(forged.signature!), problem.includes(String(PUBLIC_JWK.x)), problem.includes(String(PRIVATE_JWK.d))]).toEqual([false, false, false]);
  });
});

describe("the catalog's keys", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-grant-keys-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an instance: none given, no file → an error naming GOVGRAPH_GRANT_PUBLIC_JWK and the file', () => {
    expect(() => loadGrantPublicKey({ dir, env: {} })).toThrow(
      `No catalog's public key: set GOVGRAPH_GRANT_PUBLIC_JWK to it (a JWK), or put it in ${path.join(dir, 'grant-signing.public.jwk.json')} (in development \`npm start\` and the catalog create the pair there). Without it no published access grant can be verified, so none would ever apply`,
    );
  });

  it('an instance: GOVGRAPH_GRANT_PUBLIC_JWK → that key', () => {
    expect(loadGrantPublicKey({ dir, env: { [GRANT_PUBLIC_JWK_ENV]: JSON.stringify(PUBLIC_JWK) } }).keyId).toBe(KEY.keyId);
  });

  it('the catalog in production, no key → an error naming GOVGRAPH_GRANT_SIGNING_JWK and the file; nothing created', () => {
    expect(() => loadOrCreateGrantSigningKey({ dir, env: {}, create: false })).toThrow(
      `No grant signing key: set GOVGRAPH_GRANT_SIGNING_JWK to the catalog's private JWK, or put it in ${path.join(dir, 'grant-signing.private.jwk.json')} (it is generated there only in development)`,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('the catalog in development, no key → a pair created: the private file for its owner only, the public half beside it', () => {
    const key = loadOrCreateGrantSigningKey({ dir, env: {}, create: true });
    expect({
      mode: fs.statSync(path.join(dir, 'grant-signing.private.jwk.json')).mode & 0o777,
      publicKeyId: loadGrantPublicKey({ dir, env: {} }).keyId,
    }).toEqual({ mode: 0o600, publicKeyId: key.keyId });
  });

  it('the catalog: GOVGRAPH_GRANT_SIGNING_JWK → that key, nothing created', () => {
    const key = loadOrCreateGrantSigningKey({ dir, env: { [GRANT_SIGNING_JWK_ENV]: JSON.stringify(PRIVATE_JWK as JWK) }, create: true });
    expect({ keyId: key.keyId, files: fs.readdirSync(dir) }).toEqual({ keyId: KEY.keyId, files: [] });
  });

  it('the catalog: GOVGRAPH_GRANT_SIGNING_JWK not a key → an error naming the variable, never its value', () => {
    const value = '{"kty":"oct","k":"c2VjcmV0LXNlY3JldA"}';
    let message = '';
    try {
      loadOrCreateGrantSigningKey({ dir, env: { [GRANT_SIGNING_JWK_ENV]: value }, create: false });
    } catch (error) {
      message = (error as Error).message;
    }
    expect({ names: message.startsWith('GOVGRAPH_GRANT_SIGNING_JWK is not an Ed25519 JWK'), repeats: message.includes('c2VjcmV0LXNlY3JldA') }).toEqual({
      names: true,
      repeats: false,
    });
  });
});
