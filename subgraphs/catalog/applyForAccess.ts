import { CODES, requestError } from '../kit';
import type { CatalogEntry } from '../../schema/catalog/catalogEntries';
import { parseAccessUntil } from './accessUntil';
import { appendEvent } from './appendEvent';
import { requireStaff, type CatalogContext } from './context';
import { nextId } from './nextId';
import { toApplicationRecord, type AccessApplicationRecord } from './records';

export interface AccessApplicationInput {
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  until: string;
  caseBound?: boolean | null;
}

/** Longest legal basis kept (a citation and a sentence or two). */
const MAX_LEGAL_BASIS = 1000;

/**
 * The fields asked for, checked against the catalog: every one must exist and be
 * conditional. A `none` field cannot be asked for (NOT_SHAREABLE); an `unconditional` one
 * needs no application (NO_APPLICATION_NEEDED). The whole request is refused at the first
 * kind of problem, naming every field of that kind.
 */
async function conditionalEntries(ctx: CatalogContext, coordinates: string[]): Promise<CatalogEntry[]> {
  const unique = [...new Set(coordinates.map((c) => c.trim()))].sort();
  if (unique.length === 0) throw requestError(CODES.BAD_USER_INPUT, 'Name at least one field coordinate, e.g. Person.householdAddress.', { argument: 'input.coordinates' });
  const entries = await Promise.all(unique.map((coordinate) => ctx.services.catalog.entry(coordinate)));
  const unknown = unique.filter((_, i) => !entries[i]);
  if (unknown.length > 0) {
    throw requestError(CODES.BAD_USER_INPUT, `The catalog has no field ${unknown.join(', ')}; find coordinates with Query.catalog.`, {
      argument: 'input.coordinates',
      coordinates: unknown,
    });
  }
  const found = entries as CatalogEntry[];
  const notShared = found.filter((entry) => entry.sharing === 'none').map((entry) => entry.coordinate);
  if (notShared.length > 0) {
    throw requestError(
      CODES.NOT_SHAREABLE,
      `${notShared.join(', ')} ${notShared.length === 1 ? 'is' : 'are'} not shared outside the providing department (sharing type none) and cannot be applied for.`,
      {
        coordinates: notShared,
      },
    );
  }
  const unconditional = found.filter((entry) => entry.sharing === 'unconditional').map((entry) => entry.coordinate);
  if (unconditional.length > 0) {
    throw requestError(
      CODES.NO_APPLICATION_NEEDED,
      `${unconditional.join(', ')} ${unconditional.length === 1 ? 'is' : 'are'} shared unconditionally: no application is needed (who reads ${unconditional.length === 1 ? 'it' : 'them'} is set in the policy). Apply for the conditional fields alone.`,
      { coordinates: unconditional },
    );
  }
  return found;
}

/**
 * A staff member applies for conditional fields for their department: one PENDING
 * application per providing department, each with its APPLIED step, in one transaction.
 * Nothing is written unless every check passes.
 */
export async function applyForAccess(ctx: CatalogContext, input: AccessApplicationInput): Promise<AccessApplicationRecord[]> {
  const staff = requireStaff(ctx, 'apply for access');
  const now = new Date();
  const entries = await conditionalEntries(ctx, input.coordinates);
  const purposes = ctx.services.catalog.policies().purposes;
  if (!purposes.includes(input.purpose)) {
    throw requestError(CODES.BAD_USER_INPUT, `'${input.purpose}' is not a declared purpose of use; use one of ${purposes.join(', ')}.`, { argument: 'input.purpose' });
  }
  const legalBasis = input.legalBasis.trim();
  if (legalBasis.length === 0 || legalBasis.length > MAX_LEGAL_BASIS) {
    throw requestError(CODES.BAD_USER_INPUT, `Give the legal basis for the use (1 to ${MAX_LEGAL_BASIS} characters), e.g. the article of law that allows it.`, {
      argument: 'input.legalBasis',
    });
  }
  const until = parseAccessUntil(input.until, now);
  const byProvider = new Map<string, string[]>();
  for (const entry of entries) byProvider.set(entry.department, [...(byProvider.get(entry.department) ?? []), entry.coordinate]);

  const ids = await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const created: string[] = [];
    for (const [provider, coordinates] of [...byProvider].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const id = await nextId(trx, 'application');
      await trx
        .insertInto('access_applications')
        .values({
          id,
          applicant: staff.sub,
          applicant_department: staff.dept,
          provider,
          coordinates: JSON.stringify(coordinates),
          purpose: input.purpose,
          legal_basis: legalBasis,
          until,
          case_bound: input.caseBound ? 1 : 0,
          status: 'PENDING',
          applied_at: at,
          decided_at: null,
          decided_by: null,
          reason: null,
        })
        .execute();
      await appendEvent(trx, id, 'APPLIED', staff, at, null);
      created.push(id);
    }
    return created;
  });
  const rows = await ctx.db.selectFrom('access_applications').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return rows.map(toApplicationRecord);
}
