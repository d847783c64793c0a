import { answerKeyOf, type AnswerKeyInput } from '../../gateway/cache';
import type { CacheHint, FieldDecision, PolicySet, RequestReader } from '../../policies';

const ALLOW = { kind: 'ALLOW' } as const;
const MASKED = { kind: 'MASK', mask: 'name' } as const;

function policiesWith(hints: Record<string, CacheHint | null>): PolicySet {
  return {
    hash: 'p1',
    purposes: [],
    roles: [],
    decide: () => {
      throw new Error('not asked');
    },
    isKeyField: () => false,
    catalog: () => [],
    cacheHint: (coordinate) => hints[coordinate] ?? null,
  };
}

const hint = (maxAgeSeconds: number, perReader = false): CacheHint => ({ maxAgeSeconds, perReader, rule: { file: 'population.yaml', line: 1 } });
const decision = (coordinate: string, others: FieldDecision['others'], extra: Partial<FieldDecision> = {}): FieldDecision => ({
  coordinate,
  others,
  rule: null,
  reason: 'r',
  ...extra,
});
const reader = (sub: string, roles = ['caseworker']): RequestReader => ({
  identity: { sub, roles, dept: 'services', clearance: 2 },
  purpose: 'service-acceptance',
  caseId: null,
  requestId: `req-${sub}`,
});

const HINTS = { 'Query.person': hint(60), 'Person.name': hint(30), 'Person.phone': hint(60, true) };

function keyOf(overrides: Partial<AnswerKeyInput>) {
  return answerKeyOf({
    decisions: [decision('Query.person', ALLOW), decision('Person.name', ALLOW)],
    policies: policiesWith(HINTS),
    reader: reader('a'),
    queryHash: 'q1',
    operationName: null,
    variables: { id: '1' },
    settings: 's',
    ...overrides,
  });
}

describe('answerKeyOf', () => {
  it('two readers with the same decisions → the same key', () => {
    expect(keyOf({ reader: reader('a') })!.key).toBe(keyOf({ reader: reader('b') })!.key);
  });

  it('one field decided differently (masked for one reader) → different keys', () => {
    const masked = keyOf({ decisions: [decision('Query.person', ALLOW), decision('Person.name', MASKED)] });
    expect(masked!.key).not.toBe(keyOf({})!.key);
  });

  it('different variables → different keys', () => {
    expect(keyOf({ variables: { id: '2' } })!.key).not.toBe(keyOf({})!.key);
  });

  it('another purpose → a different key', () => {
    expect(keyOf({ reader: { ...reader('a'), purpose: 'application-review' } })!.key).not.toBe(keyOf({})!.key);
  });

  it('a self rule matched the reader → the reader is part of the key', () => {
    const own = [decision('Query.person', ALLOW), decision('Person.name', ALLOW, { own: ALLOW })];
    expect(keyOf({ decisions: own, reader: reader('a') })!.key).not.toBe(keyOf({ decisions: own, reader: reader('b') })!.key);
  });

  it('a field kept per reader (scope: reader) → the reader is part of the key', () => {
    const phone = [decision('Query.person', ALLOW), decision('Person.phone', ALLOW)];
    expect(keyOf({ decisions: phone, reader: reader('a') })!.key).not.toBe(keyOf({ decisions: phone, reader: reader('b') })!.key);
  });

  it('a field without a cache hint → not cacheable', () => {
    expect(keyOf({ decisions: [decision('Query.person', ALLOW), decision('Person.householdAddress', ALLOW)] })).toBeNull();
  });

  it('a field a case-bound grant opened → not cacheable', () => {
    expect(keyOf({ decisions: [decision('Query.person', ALLOW), decision('Person.name', { kind: 'DENY' }, { caseParty: ALLOW })] })).toBeNull();
  });

  it('several hints → the shortest decides how long', () => {
    expect(keyOf({})!.ttlSeconds).toBe(30);
  });

  it('the key holds no part of the reader in the clear', () => {
    const key = keyOf({ reader: reader('citizen-110105199001011234') })!.key;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});
