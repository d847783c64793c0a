import { CODES, requestError } from '../../schema/contracts/errorCodes';

/** Relay-style connections over a keyset: the cursor is the last key seen, opaque to clients. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) throw requestError(CODES.BAD_USER_INPUT, 'The `after` cursor is not one this API returned.', { argument: 'after' });
  return text.slice(2);
}

/** Validates `first` (1..100) and decodes `after`. */
export function pageArguments(first: number | null | undefined, after: string | null | undefined): { limit: number; afterKey: string | null } {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw requestError(CODES.BAD_USER_INPUT, `\`first\` must be an integer from 0 to ${MAX_PAGE_SIZE}.`, { argument: 'first' });
  }
  return { limit, afterKey: after ? decodeCursor(after) : null };
}

/**
 * Builds a connection from up to `limit + 1` rows fetched in key order after the cursor:
 * the extra row only tells whether there is a next page.
 */
export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => string, totalCount: number): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}

export interface KeysetPage<Row> {
  /** Up to `limit` rows with keys strictly after `afterKey` (all rows when null), in key order. */
  fetchPage(afterKey: string | null, limit: number): Promise<Row[]>;
  /** How many rows match the filter, on every page. */
  count(): Promise<number | string | bigint>;
  keyOf(row: Row): string;
}

/** A connection page over rows in key order: validates the arguments, fetches one extra row to learn whether more follow. */
export async function paginateByKey<Row>(args: { first?: number | null; after?: string | null }, source: KeysetPage<Row>): Promise<Connection<Row>> {
  const { limit, afterKey } = pageArguments(args.first, args.after);
  const [rows, total] = await Promise.all([source.fetchPage(afterKey, limit + 1), source.count()]);
  return toConnection(rows, limit, source.keyOf, Number(total));
}
