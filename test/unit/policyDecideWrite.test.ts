import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR, type PolicySet, type WriteRequest } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';

/** `PolicySet.decideWrite` over the shipped policies: deny by default, allowed only by a rule naming both the writer and the event. */
let policies: PolicySet;
beforeAll(() => {
  policies = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') });
});

const decide = (request: WriteRequest) => policies.decideWrite!(request);

/** The line of `text` in a shipped policy file (the first at or after `after`). */
function lineOf(file: string, text: string, after = ''): number {
  const lines = fs.readFileSync(`${POLICIES_DIR}/${file}`, 'utf8').split('\n');
  const start = after ? lines.findIndex((line) => line.includes(after)) : 0;
  return lines.findIndex((line, i) => i >= start && line.includes(text)) + 1;
}

describe('decideWrite (shipped policies)', () => {
  it('services on household-address-change writing Person.householdAddress → allowed, naming the rule', () => {
    expect(decide({ coordinate: 'Person.householdAddress', from: 'services', event: 'household-address-change' })).toEqual({
      allowed: true,
      rule: `population.yaml:${lineOf('population.yaml', '- departments: [services]', 'householdAddress:')}`,
    });
  });

  it('the right writer on another event → refused, naming the events it may write on', () => {
    expect(decide({ coordinate: 'Person.householdAddress', from: 'services', event: 'marriage-registration' })).toEqual({
      allowed: false,
      why: "population's policy lets services write Person.householdAddress only on household-address-change, not marriage-registration",
    });
  });

  it('another department on the right event → refused, naming who may write', () => {
    expect(decide({ coordinate: 'Person.householdAddress', from: 'market', event: 'household-address-change' })).toEqual({
      allowed: false,
      why: "population's policy lets only services write Person.householdAddress, not market",
    });
  });

  it('a field without write rules → refused: no department may write it', () => {
    expect(decide({ coordinate: 'Person.phone', from: 'services', event: 'household-address-change' })).toEqual({
      allowed: false,
      why: "population's policy lets no department write Person.phone",
    });
  });

  it('a coordinate no policy covers → refused', () => {
    expect(decide({ coordinate: 'Person.shoeSize', from: 'services', event: 'household-address-change' })).toEqual({
      allowed: false,
      why: 'no policy covers Person.shoeSize, so no department may write it',
    });
  });

  it('a key → refused: keys are never written', () => {
    expect(decide({ coordinate: 'License.licenseNo', from: 'services', event: 'food-permit-issued' })).toEqual({
      allowed: false,
      why: "licenses' policy lets no department write License.licenseNo, a key (keys are never written)",
    });
  });

  it('License.kind and License.validUntil on either licensing event → allowed', () => {
    const decisions = ['License.kind', 'License.validUntil'].flatMap((coordinate) =>
      ['food-permit-issued', 'marriage-registration'].map((event) => decide({ coordinate, from: 'services', event }).allowed),
    );
    expect(decisions).toEqual([true, true, true, true]);
  });

  it('another License field on a licensing event → refused', () => {
    expect(decide({ coordinate: 'License.status', from: 'services', event: 'food-permit-issued' })).toEqual({
      allowed: false,
      why: "licenses' policy lets no department write License.status",
    });
  });
});
