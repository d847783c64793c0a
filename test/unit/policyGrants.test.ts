import type { Access, FieldDecision, PolicySet, Reader } from '../../policies';
import { effectivePolicies, GrantIndex, withGrants, type AccessGrant } from '../../policies/grants';

const DENY: Access = { kind: 'DENY' };
const NOW = Date.parse('2026-06-01T00:00:00Z');

/** A policy set that denies every field but `Person.name` (masked). */
const files: PolicySet = {
  hash: 'h1',
  purposes: ['application-review'],
  roles: ['reviewer'],
  decide: (coordinate: string): FieldDecision =>
    coordinate === 'Person.name'
      ? { coordinate, others: { kind: 'MASK', mask: 'name' }, rule: { file: 'population.yaml', line: 9 }, reason: 'masked' }
      : { coordinate, others: DENY, rule: null, reason: 'denied' },
  isKeyField: () => false,
  catalog: () => [{ coordinate: 'Person.religion', department: 'population', description: '', sharing: 'none', sensitivity: 4, updateCycle: 'static' }],
};

function grant(overrides: Partial<AccessGrant> = {}): AccessGrant {
  return {
    id: 'G-1',
    applicationId: 'AA-1',
    grantee: 'market',
    provider: 'population',
    coordinates: ['Person.householdAddress', 'Person.name'],
    purpose: 'application-review',
    until: '2026-12-31T00:00:00Z',
    caseBound: false,
    approvedBy: 'officer-1',
    approvedAt: '2026-05-01T00:00:00Z',
    ...overrides,
  };
}

const marketReviewer = (extra: Partial<Reader> = {}): Reader => ({
  identity: { sub: 'staff-1', roles: ['reviewer'], dept: 'market', clearance: 2 },
  purpose: 'application-review',
  ...extra,
});

const decide = (grants: AccessGrant[], reader: Reader, coordinate = 'Person.householdAddress'): FieldDecision =>
  withGrants(files, new GrantIndex({ version: 1, grants }), () => NOW).decide(coordinate, reader);

describe('access grants over the policies', () => {
  test('an open grant to the reader’s department and purpose → ALLOW, naming the grant', () => {
    const decision = decide([grant()], marketReviewer());
    expect(decision.others).toEqual({ kind: 'ALLOW' });
    expect(decision.grant).toBe('G-1');
    expect(decision.reason).toContain('G-1');
  });

  test('an open grant widens a masked field to ALLOW', () => {
    expect(decide([grant()], marketReviewer(), 'Person.name').others).toEqual({ kind: 'ALLOW' });
  });

  test('a grant to another department → the files’ decision', () => {
    expect(decide([grant({ grantee: 'licenses' })], marketReviewer()).others).toEqual(DENY);
  });

  test('another purpose declared → the files’ decision', () => {
    expect(decide([grant()], marketReviewer({ purpose: 'statistics' })).others).toEqual(DENY);
  });

  test('no purpose declared → the files’ decision', () => {
    expect(decide([grant()], marketReviewer({ purpose: null })).others).toEqual(DENY);
  });

  test('a field the grant does not name → the files’ decision', () => {
    expect(decide([grant()], marketReviewer(), 'Person.phone').others).toEqual(DENY);
  });

  test('an expired grant → the files’ decision, with nobody acting', () => {
    expect(decide([grant({ until: '2026-05-31T23:59:59Z' })], marketReviewer()).others).toEqual(DENY);
  });

  test('a citizen (no department) → no grant applies', () => {
    const citizen: Reader = { identity: { sub: '110101199001011234', roles: ['citizen'], dept: null, clearance: 1 }, purpose: 'application-review' };
    expect(decide([grant()], citizen).grant).toBeUndefined();
  });

  test('a case-bound grant without X-Case-Id → DENY, saying the case must be named', () => {
    const decision = decide([grant({ caseBound: true })], marketReviewer());
    expect(decision.others).toEqual(DENY);
    expect(decision.caseParty).toBeUndefined();
    expect(decision.reason).toContain('X-Case-Id');
  });

  test('a case-bound grant without X-Case-Id → the decision names the grant that needs a case', () => {
    expect(decide([grant({ caseBound: true })], marketReviewer()).caseRequiredBy).toBe('G-1');
  });

  test('a case-bound grant with a case named → others stay DENY, the case’s parties ALLOW', () => {
    const decision = decide([grant({ caseBound: true })], marketReviewer({ caseId: 'SA-000001' }));
    expect(decision.others).toEqual(DENY);
    expect(decision.caseParty).toEqual({ kind: 'ALLOW' });
    expect(decision.grant).toBe('G-1');
  });

  test('an open and a case-bound grant of one field → the open one', () => {
    const decision = decide([grant({ id: 'G-2', caseBound: true }), grant()], marketReviewer({ caseId: 'SA-000001' }));
    expect(decision.grant).toBe('G-1');
    expect(decision.caseParty).toBeUndefined();
  });

  test('a field the policies no longer share (sharing: none) → the files’ decision, whatever the grant', () => {
    expect(decide([grant({ coordinates: ['Person.religion'] })], marketReviewer(), 'Person.religion').others).toEqual(DENY);
  });

  test('grants laid over a set with cache hints → the same hints', () => {
    const hint = { maxAgeSeconds: 60, perReader: false, rule: { file: 'population.yaml', line: 14 } };
    const withHints: PolicySet = { ...files, cacheHint: (coordinate) => (coordinate === 'Person.name' ? hint : null) };
    const effective = withGrants(withHints, new GrantIndex({ version: 1, grants: [grant()] }), () => NOW);
    expect(effective.cacheHint?.('Person.name')).toBe(hint);
  });

  test('grants laid over a set with access keys → none: a grant widens one of two fields with the same rule', () => {
    const withKeys: PolicySet = { ...files, accessKey: () => 'same rule' };
    expect(withGrants(withKeys, new GrantIndex({ version: 1, grants: [grant()] }), () => NOW).accessKey?.('Person.householdAddress')).toBeUndefined();
  });

  test('no grants → the very same policy set', () => {
    expect(withGrants(files, GrantIndex.EMPTY)).toBe(files);
  });

  test('the effective set is rebuilt only when the policies or the grants are replaced', () => {
    let grants = new GrantIndex({ version: 1, grants: [grant()] });
    const current = effectivePolicies(
      () => files,
      () => grants,
    );
    const first = current();
    expect(current()).toBe(first);
    grants = new GrantIndex({ version: 2, grants: [] });
    expect(current()).not.toBe(first);
  });
});

describe('the grant index', () => {
  test('case-bound readers are known by department and purpose', () => {
    const index = new GrantIndex({ version: 1, grants: [grant({ caseBound: true })] });
    expect(index.hasCaseBound('market', 'application-review')).toBe(true);
    expect(index.hasCaseBound('market', 'statistics')).toBe(false);
  });
});
