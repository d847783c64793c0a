/** The header that carries the gateway's request id: on each response, and on each fetch to a department. */
export const REQUEST_ID_HEADER = 'x-request-id';
