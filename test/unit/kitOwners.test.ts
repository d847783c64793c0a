import { inheritOwner } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import { market } from '../../subgraphs/market';
import { population } from '../../subgraphs/population';
import { services } from '../../subgraphs/services';

const ID = '110101199001011234';

describe("departments' owners", () => {
  it('population Person row → its id_number', () => {
    expect(population.owners?.Person({ id_number: ID })).toBe(ID);
  });

  it.each([
    ['market', market],
    ['licenses', licenses],
    ['services', services],
  ])('%s Person reference → its idNumber', (_, department) => {
    expect(department.owners?.Person({ idNumber: ID })).toBe(ID);
  });

  it("licenses License held by a person → the holder's ID number", () => {
    expect(licenses.owners?.License({ licenseNo: 'L1', holderKind: 'PERSON', holderId: ID })).toBe(ID);
  });

  it('licenses License held by an enterprise → no owner', () => {
    expect(licenses.owners?.License({ licenseNo: 'L2', holderKind: 'ENTERPRISE', holderId: '91110101MA0000000X' })).toBeNull();
  });

  it("services Application → the applicant's ID number", () => {
    expect(services.owners?.Application({ id: 'APP-2024-000001', applicantIdNumber: ID })).toBe(ID);
  });

  it("services ApplicationEvent and Feedback → inherit the application's owner", () => {
    expect(services.owners?.ApplicationEvent).toBe(inheritOwner);
    expect(services.owners?.Feedback).toBe(inheritOwner);
  });
});
