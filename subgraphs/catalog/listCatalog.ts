import { CODES, pageArguments, toConnection, requestError, type Connection } from '../kit';
import type { CatalogEntry } from '../../schema/catalog/catalogEntries';
import type { SharingType } from '../../policies';
import type { CatalogContext } from './context';

export type SharingTypeEnum = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

export interface CatalogArgs {
  department?: string | null;
  sharingType?: SharingTypeEnum | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

const MAX_SEARCH = 100;

function matchesSearch(entry: CatalogEntry, words: string[]): boolean {
  const text = `${entry.coordinate} ${entry.resourceName} ${entry.resourceCode} ${entry.description}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/**
 * `Query.catalog`: the entries in coordinate order, filtered by providing department,
 * sharing type and words (every word must appear in the coordinate, name, code or
 * description, case-insensitively), a page at a time after a coordinate cursor.
 */
export async function listCatalog(ctx: CatalogContext, args: CatalogArgs): Promise<Connection<CatalogEntry>> {
  const { limit, afterKey } = pageArguments(args.first, args.after);
  const search = args.search?.trim() ?? '';
  if (search.length > MAX_SEARCH) throw requestError(CODES.BAD_USER_INPUT, `\`search\` has at most ${MAX_SEARCH} characters.`, { argument: 'search' });
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const sharing = args.sharingType ? (args.sharingType.toLowerCase() as SharingType) : null;
  const matching = (await ctx.services.catalog.entries()).filter(
    (entry) => (!args.department || entry.department === args.department) && (!sharing || entry.sharing === sharing) && (words.length === 0 || matchesSearch(entry, words)),
  );
  const start = afterKey === null ? 0 : matching.findIndex((entry) => entry.coordinate > afterKey);
  const rows = start < 0 ? [] : matching.slice(start, start + limit + 1);
  return toConnection(rows, limit, (entry) => entry.coordinate, matching.length);
}
