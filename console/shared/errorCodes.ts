/*
 * The graph's error codes the console reacts to. The registry (schema/contracts/errorCodes.ts) is
 * server code, which a client over HTTP does not import (wall console-over-the-api): the console
 * names the few it reads here, once, as docs/ documents them for every client.
 */

/** The policies do not let this reader see this field: the field is null. */
// eslint-disable-next-line no-restricted-syntax -- a client names the codes it reads; the registry is server code
export const FORBIDDEN = 'FORBIDDEN';

/** An aggregate figure would leave a group under the minimum size: nothing of it is answered. */
// eslint-disable-next-line no-restricted-syntax -- a client names the codes it reads; the registry is server code
export const GROUP_TOO_SMALL = 'GROUP_TOO_SMALL';

/** A noised aggregate figure would spend more of the reader's daily privacy budget than is left. */
// eslint-disable-next-line no-restricted-syntax -- a client names the codes it reads; the registry is server code
export const PRIVACY_BUDGET_EXHAUSTED = 'PRIVACY_BUDGET_EXHAUSTED';
