import { inheritOwner } from '../../subgraphs/kit';
import { createFieldAccess } from '../../subgraphs/kit/enforcement/fieldAccess';
import { ALLOW, citizen, DENY, fakePolicySet } from '../support/gatewayTokens';

const OWNER = '110101199001011234';
const OTHER = '110101199001015678';
const policies = fakePolicySet((coordinate) => (coordinate.startsWith('Event.') ? { others: DENY, own: ALLOW } : undefined));
const access = createFieldAccess(() => policies, { Case: (c: { owner: string }) => c.owner, Event: inheritOwner });

describe('FieldAccess', () => {
  it('a record of an inheritOwner type → the owner of the record it was reached from', () => {
    const context = { identity: citizen(OWNER), purpose: null };
    const event = {};
    access.inherit(context, 'Case', { owner: OWNER }, event);
    expect(access.of(context, 'Event', 'Event.note', event)).toEqual(ALLOW);
  });

  it('a record reached from records of two owners → owned by neither', () => {
    const context = { identity: citizen(OWNER), purpose: null };
    const shared = {};
    access.inherit(context, 'Case', { owner: OWNER }, shared);
    access.inherit(context, 'Case', { owner: OTHER }, shared);
    expect(access.of(context, 'Event', 'Event.note', shared)).toEqual(DENY);
  });

  it('an owner recorded in one request → unknown in the next', () => {
    const event = {};
    access.inherit({ identity: citizen(OWNER), purpose: null }, 'Case', { owner: OWNER }, event);
    expect(access.of({ identity: citizen(OWNER), purpose: null }, 'Event', 'Event.note', event)).toEqual(DENY);
  });

  it('an anonymous reader → others applies, the owner never looked up', () => {
    const owners = { Case: jest.fn(() => OWNER) };
    const anonymous = createFieldAccess(() => fakePolicySet(() => ({ others: DENY, own: ALLOW })), owners);
    expect(anonymous.of({ identity: null, purpose: null }, 'Case', 'Case.note', {})).toEqual(DENY);
    expect(owners.Case).not.toHaveBeenCalled();
  });
});

describe('FieldAccess with a case-bound grant', () => {
  const reviewer = { sub: 'staff-1', roles: ['reviewer'], dept: 'market', clearance: 2 };
  const caseBound = createFieldAccess(() => fakePolicySet(() => ({ others: DENY, caseParty: ALLOW })), { Person: (p: { idNumber: string }) => p.idNumber });
  const inCase = (overrides: Partial<{ underReview: boolean; caseId: string; handledBy: string | null }> = {}) => ({
    identity: reviewer,
    purpose: 'application-review',
    caseId: 'SA-000001',
    caseParties: { caseId: 'SA-000001', underReview: true, handledBy: 'market', parties: new Set([OWNER]), ...overrides },
  });

  it('a party of the case under review → the grant’s access', () => {
    expect(caseBound.of(inCase(), 'Person', 'Person.householdAddress', { idNumber: OWNER })).toEqual(ALLOW);
  });

  it('a person outside the case → others applies', () => {
    expect(caseBound.of(inCase(), 'Person', 'Person.householdAddress', { idNumber: OTHER })).toEqual(DENY);
  });

  it('the case decided (no longer under review) → others applies', () => {
    expect(caseBound.of(inCase({ underReview: false }), 'Person', 'Person.householdAddress', { idNumber: OWNER })).toEqual(DENY);
  });

  it('a case another department handles → others applies', () => {
    expect(caseBound.of(inCase({ handledBy: 'population' }), 'Person', 'Person.householdAddress', { idNumber: OWNER })).toEqual(DENY);
  });

  it('a case no platform department handles → others applies', () => {
    expect(caseBound.of(inCase({ handledBy: null }), 'Person', 'Person.householdAddress', { idNumber: OWNER })).toEqual(DENY);
  });

  it('the case could not be looked up → others applies', () => {
    expect(caseBound.of({ ...inCase(), caseParties: null }, 'Person', 'Person.householdAddress', { idNumber: OWNER })).toEqual(DENY);
  });
});
