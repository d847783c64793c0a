import { lookupCaseParties } from '../../subgraphs/kit/enforcement/caseParties';
import type { GraphClient } from '../../subgraphs/kit/graphClient';

const answering = (application: unknown): GraphClient => ({ query: async <T>() => ({ application }) as T });

describe('looking up a case’s parties', () => {
  test('an accepted case with an enterprise → under review, applicant and enterprise are parties', async () => {
    const found = await lookupCaseParties(
      answering({ status: 'ACCEPTED', item: { handledBy: 'market' }, applicant: { idNumber: 'P1' }, enterprise: { creditCode: 'E1' } }),
      'SA-1',
    );
    expect(found).toEqual({ caseId: 'SA-1', underReview: true, handledBy: 'market', parties: new Set(['P1', 'E1']) });
  });

  test('a decided case → not under review', async () => {
    const found = await lookupCaseParties(answering({ status: 'APPROVED', item: { handledBy: 'market' }, applicant: { idNumber: 'P1' }, enterprise: null }), 'SA-1');
    expect(found?.underReview).toBe(false);
  });

  test('a case of an agency off the platform → handled by no department', async () => {
    const found = await lookupCaseParties(answering({ status: 'ACCEPTED', item: { handledBy: null }, applicant: { idNumber: 'P1' }, enterprise: null }), 'SA-1');
    expect(found?.handledBy).toBeNull();
  });

  test('no such case → null', async () => {
    expect(await lookupCaseParties(answering(null), 'SA-404')).toBeNull();
  });

  test('the graph cannot answer → null (no case-bound grant applies)', async () => {
    const failing: GraphClient = { query: async () => Promise.reject(new Error('down')) };
    expect(await lookupCaseParties(failing, 'SA-1')).toBeNull();
  });
});
