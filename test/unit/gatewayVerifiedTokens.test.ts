import { createVerifiedTokens } from '../../gateway/authenticate/verifiedTokens';

const ALICE = { sub: 'alice', roles: ['caseworker'], dept: 'services', clearance: 2 };
const NOW = 1_700_000_000_000;
const IN_AN_HOUR = NOW / 1000 + 3600;

describe('verified tokens', () => {
  it('a token never verified → nothing, even when another token is known', () => {
    const tokens = createVerifiedTokens();
    tokens.set('token-a', ALICE, IN_AN_HOUR, NOW);
    expect(tokens.get('token-b', NOW)).toBeUndefined();
    expect(tokens.get('token-a.', NOW)).toBeUndefined();
  });

  it('the same token again → its identity, as a copy no caller can change for another', () => {
    const tokens = createVerifiedTokens();
    tokens.set('token-a', ALICE, IN_AN_HOUR, NOW);
    const first = tokens.get('token-a', NOW)!;
    first.roles.push('officer');
    expect(tokens.get('token-a', NOW)).toEqual(ALICE);
  });

  it('a token past its exp → nothing', () => {
    const tokens = createVerifiedTokens();
    tokens.set('token-a', ALICE, NOW / 1000 + 10, NOW);
    expect(tokens.get('token-a', NOW + 9_999)).toEqual(ALICE);
    expect(tokens.get('token-a', NOW + 10_000)).toBeUndefined();
  });

  it('a token already expired when verified → not kept', () => {
    const tokens = createVerifiedTokens();
    tokens.set('token-a', ALICE, NOW / 1000 - 1, NOW);
    expect(tokens.size).toBe(0);
  });

  it('a token verified longer ago than maxAgeMs → verified again', () => {
    const tokens = createVerifiedTokens({ maxAgeMs: 1000 });
    tokens.set('token-a', ALICE, IN_AN_HOUR, NOW);
    expect(tokens.get('token-a', NOW + 1000)).toBeUndefined();
  });

  it('more tokens than max → the oldest forgotten', () => {
    const tokens = createVerifiedTokens({ max: 2 });
    tokens.set('token-a', ALICE, IN_AN_HOUR, NOW);
    tokens.set('token-b', { ...ALICE, sub: 'bob' }, IN_AN_HOUR, NOW);
    tokens.set('token-c', { ...ALICE, sub: 'carol' }, IN_AN_HOUR, NOW);
    expect(tokens.get('token-a', NOW)).toBeUndefined();
    expect(tokens.get('token-b', NOW)?.sub).toBe('bob');
    expect(tokens.get('token-c', NOW)?.sub).toBe('carol');
  });
});
