import { CODES, isValidCreditCode, isValidResidentIdNumber, requestError, type GraphClient } from '../kit';
import { actorOf, type ServicesContext } from './context';
import { appendEvent, readApplication, refreshLoaders } from './applicationStore';
import { nextApplicationId } from './nextApplicationId';
import type { ApplicationRecord } from './records';
import { appendApplicationUpdates, caseOwnersOf, statusUpdate } from './updates/appendApplicationUpdates';
import { checkApplicationDetails, type ApplicationDetailInput } from './writeBack/checkApplicationDetails';

export interface SubmitApplicationInput {
  itemCode: string;
  applicantIdNumber: string;
  enterpriseCreditCode?: string | null;
  comment?: string | null;
  details?: readonly ApplicationDetailInput[] | null;
}

/**
 * Files a new application (SUBMITTED, with its SUBMIT step). The service item must exist
 * here; the applicant and enterprise must exist in the population and market registries,
 * which this department asks through the graph, never through their databases; the facts
 * its item's write-backs need (`details`) must all be given, and no other. Nothing is written
 * unless every check passes; the new status is an update in the applicant's feed.
 */
export async function submitApplication(ctx: ServicesContext, input: SubmitApplicationInput): Promise<ApplicationRecord> {
  const enterprise = input.enterpriseCreditCode ?? null;
  // Messages never repeat the identifiers: they are personal data.
  if (!isValidResidentIdNumber(input.applicantIdNumber)) {
    throw requestError(CODES.BAD_USER_INPUT, 'The applicant ID number is not a valid resident identity number.', { argument: 'input.applicantIdNumber' });
  }
  if (enterprise !== null && !isValidCreditCode(enterprise)) {
    throw requestError(CODES.BAD_USER_INPUT, 'The enterprise credit code is not a valid unified social credit code.', { argument: 'input.enterpriseCreditCode' });
  }
  if (!(await ctx.loaders.serviceItem.load(input.itemCode))) {
    throw requestError(CODES.BAD_USER_INPUT, `There is no service item ${input.itemCode}.`, { argument: 'input.itemCode' });
  }
  const details = checkApplicationDetails(input.itemCode, ctx.services.declarations.items.get(input.itemCode)?.details ?? [], input.details);
  await checkRegistered(ctx.graph, input.applicantIdNumber, enterprise);

  const application = await ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const at = now.toISOString();
    const id = await nextApplicationId(trx, now);
    await trx
      .insertInto('applications')
      .values({
        id,
        item_code: input.itemCode,
        applicant_id_number: input.applicantIdNumber,
        enterprise_credit_code: enterprise,
        status: 'SUBMITTED',
        submitted_at: at,
        updated_at: at,
      })
      .execute();
    if (details.length > 0)
      await trx
        .insertInto('application_details')
        .values(details.map((d) => ({ application_id: id, name: d.name, value: d.value })))
        .execute();
    await appendEvent(trx, id, 'SUBMIT', actorOf(ctx), at, input.comment ?? null);
    await appendApplicationUpdates(trx, [statusUpdate(id, await caseOwnersOf(trx, id), 'SUBMITTED', at)]);
    return readApplication(trx, id);
  });
  return refreshLoaders(ctx.loaders, application);
}

const PERSON_QUERY = 'query($id: ID!) { person(idNumber: $id) { idNumber } }';
const PERSON_AND_ENTERPRISE_QUERY = 'query($id: ID!, $creditCode: ID!) { person(idNumber: $id) { idNumber } enterprise(creditCode: $creditCode) { creditCode } }';

/** BAD_USER_INPUT when the graph knows no such person or enterprise; SERVICE_UNAVAILABLE (from the client) when it cannot tell. */
async function checkRegistered(graph: GraphClient, idNumber: string, creditCode: string | null): Promise<void> {
  const found = creditCode
    ? await graph.query<{ person: unknown; enterprise: unknown }>(PERSON_AND_ENTERPRISE_QUERY, { id: idNumber, creditCode })
    : await graph.query<{ person: unknown; enterprise?: unknown }>(PERSON_QUERY, { id: idNumber });
  if (!found.person) {
    throw requestError(CODES.BAD_USER_INPUT, 'The population registry has no resident with the applicant ID number.', { argument: 'input.applicantIdNumber' });
  }
  if (creditCode && !found.enterprise) {
    throw requestError(CODES.BAD_USER_INPUT, 'The market registry has no enterprise with this credit code.', { argument: 'input.enterpriseCreditCode' });
  }
}
