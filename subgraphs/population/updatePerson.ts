import { isValidResidentIdNumber, type WriteBackAction } from '../kit';
import type { PopulationDatabase } from './database';

const MAX_ADDRESS_LENGTH = 200;
const CONTROL = /\p{Cc}/u;

/**
 * `updatePerson`: a completed application updates a resident's registry record (a household
 * address change). The event's target is the Person by resident ID number; it may write
 * `householdAddress` (non-empty text of at most 200 characters) and nothing else.
 */
export const updatePerson: WriteBackAction<PopulationDatabase> = {
  async apply(trx, event) {
    if (event.target.type !== 'Person') return { kind: 'refused', reason: 'population updates Person records alone' };
    for (const field of Object.keys(event.values)) {
      if (field !== 'householdAddress') return { kind: 'refused', reason: `population does not write Person.${field}` };
    }
    const address = event.values.householdAddress;
    if (typeof address !== 'string' || address.trim() === '' || [...address].length > MAX_ADDRESS_LENGTH || CONTROL.test(address)) {
      return { kind: 'refused', reason: `householdAddress must be non-empty text of at most ${MAX_ADDRESS_LENGTH} characters on one line` };
    }
    const idNumber = event.target.key;
    const known = isValidResidentIdNumber(idNumber) && (await trx.selectFrom('persons').select('id_number').where('id_number', '=', idNumber).executeTakeFirst());
    if (!known) return { kind: 'refused', reason: 'the registry has no resident with this ID number' };
    await trx.updateTable('persons').set({ household_address: address.trim() }).where('id_number', '=', idNumber).execute();
    return { kind: 'applied', record: { type: 'Person', key: idNumber }, subject: idNumber };
  },
};
