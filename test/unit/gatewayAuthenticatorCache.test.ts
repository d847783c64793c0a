import { SignJWT } from 'jose';
import { createAuthenticator } from '../../gateway/authenticate/createAuthenticator';
import { TokenRejected } from '../../gateway/authenticate/unauthenticated';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-characters!');
const otherSecret = new TextEncoder().encode('another-test-secret-of-32-characters-ok!');
const CLAIMS = { roles: ['caseworker'], dept: 'alpha', clearance: 2 };

function sign(sub: string, exp: number, key = secret): Promise<string> {
  return new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(exp).sign(key);
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as TokenRejected).reason;
  }
  throw new Error('expected the token to be refused');
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('authenticator with verified tokens remembered', () => {
  afterEach(() => jest.useRealTimers());

  it("two readers' tokens → each their own identity, every time", async () => {
    const authenticate = createAuthenticator({ kind: 'secret', secret });
    const alice = `Bearer ${await sign('alice', nowSeconds() + 300)}`;
    const bob = `Bearer ${await sign('bob', nowSeconds() + 300)}`;
    for (let i = 0; i < 3; i++) {
      expect((await authenticate(alice))?.sub).toBe('alice');
      expect((await authenticate(bob))?.sub).toBe('bob');
    }
  });

  it('a token that verified once and then expired → refused as expired', async () => {
    jest.useFakeTimers({ now: Date.now() });
    const authenticate = createAuthenticator({ kind: 'secret', secret });
    const token = `Bearer ${await sign('alice', nowSeconds() + 30)}`;
    expect((await authenticate(token))?.sub).toBe('alice');
    jest.setSystemTime(Date.now() + 60_000);
    expect(await rejection(authenticate(token))).toBe('expired');
  });

  it("a verified token's payload with another signature → refused", async () => {
    const authenticate = createAuthenticator({ kind: 'secret', secret });
    const good = await sign('alice', nowSeconds() + 300);
    expect((await authenticate(`Bearer ${good}`))?.sub).toBe('alice');
    const forged = `${good.split('.').slice(0, 2).join('.')}.${(await sign('alice', nowSeconds() + 300, otherSecret)).split('.')[2]}`;
    expect(await rejection(authenticate(`Bearer ${forged}`))).toBe('bad-signature');
  });

  it('a refused token → refused again (failures are not remembered as identities)', async () => {
    const authenticate = createAuthenticator({ kind: 'secret', secret });
    const token = `Bearer ${await sign('alice', nowSeconds() + 300, otherSecret)}`;
    expect(await rejection(authenticate(token))).toBe('bad-signature');
    expect(await rejection(authenticate(token))).toBe('bad-signature');
  });
});
