import net from 'node:net';

export interface RawHttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** From the first byte written to the connection's end. */
  ms: number;
}

/**
 * Writes `bytes` to a new connection as they are and reads the response to the connection's
 * end: for requests `fetch` refuses to send (CR, LF or NUL in a header, headers over 16 KB,
 * lying lengths). The request should say `Connection: close`.
 */
export function rawHttpRequest(port: number, bytes: Buffer, timeoutMs = 5000): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No complete response within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close before reading all of an oversized body: what it answered still counts.
    socket.on('error', (error) => (chunks.length ? undefined : (clearTimeout(timer), reject(error))));
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve({ ...parseResponse(Buffer.concat(chunks)), ms: performance.now() - started });
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseResponse(raw: Buffer): Omit<RawHttpResponse, 'ms'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`Not an HTTP response: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const payload = raw.subarray(end + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(payload) : payload;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

function dechunk(payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', at);
    const size = parseInt(payload.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
