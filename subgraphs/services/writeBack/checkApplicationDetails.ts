import { CODES, requestError } from '../../kit';
import type { ItemDetail } from './writeBackDeclarations';

export interface ApplicationDetailInput {
  name: string;
  value: string;
}

/** The longest value a detail may have (an address is far shorter). */
export const MAX_DETAIL_LENGTH = 500;

/**
 * The details an application for `itemCode` carries, checked against what the item declares:
 * each declared detail given once with a value, none other. BAD_USER_INPUT names the detail
 * (names are the item's, never personal); values are never repeated in messages.
 */
export function checkApplicationDetails(itemCode: string, declared: readonly ItemDetail[], given: readonly ApplicationDetailInput[] | null | undefined): ApplicationDetailInput[] {
  const argument = { argument: 'input.details' };
  const names = new Set(declared.map((d) => d.name));
  const values = new Map<string, string>();
  for (const detail of given ?? []) {
    const name = JSON.stringify(detail.name.slice(0, 64));
    if (!names.has(detail.name)) {
      const expected = declared.length > 0 ? `it takes ${declared.map((d) => d.name).join(', ')}` : 'it takes none';
      throw requestError(CODES.BAD_USER_INPUT, `Service item ${itemCode} takes no detail ${name}: ${expected}.`, { ...argument, detail: detail.name.slice(0, 64) });
    }
    if (values.has(detail.name)) throw requestError(CODES.BAD_USER_INPUT, `The detail ${name} is given twice.`, { ...argument, detail: detail.name });
    const value = detail.value.trim();
    if (value === '') throw requestError(CODES.BAD_USER_INPUT, `The detail ${name} is empty.`, { ...argument, detail: detail.name });
    if (value.length > MAX_DETAIL_LENGTH) {
      throw requestError(CODES.BAD_USER_INPUT, `The detail ${name} is longer than ${MAX_DETAIL_LENGTH} characters.`, { ...argument, detail: detail.name });
    }
    values.set(detail.name, value);
  }
  const missing = declared.find((d) => !values.has(d.name));
  if (missing) {
    throw requestError(CODES.BAD_USER_INPUT, `Service item ${itemCode} requires the detail ${missing.name} (${missing.description}).`, { ...argument, detail: missing.name });
  }
  return declared.map((d) => ({ name: d.name, value: values.get(d.name)! }));
}
