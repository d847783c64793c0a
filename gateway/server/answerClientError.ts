import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { CODES } from '../../schema/contracts/errorCodes';

const MESSAGES: Record<number, string> = {
  400: 'The HTTP request is malformed: a header holds a control character (CR, LF, NUL, …) or is folded, or the request line is not HTTP/1.1.',
  408: 'The HTTP request did not arrive in time.',
  431: 'The HTTP request headers are larger than the gateway accepts (16 KB in all).',
};

/**
 * Node's HTTP parser refuses what is not HTTP (a header with CR, LF or NUL in its value, headers
 * over 16 KB, a request too slow to arrive) before any route sees it, and answers with a bare
 * status line. For the `clientError` event of the gateway's server: the same status, with the
 * JSON body and code every other refusal has.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A response already under way on this connection cannot be followed by another.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ errors: [{ message: MESSAGES[status], extensions: { code: CODES.BAD_REQUEST } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
