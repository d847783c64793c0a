import type http from 'node:http';

/** Sends a request a test proxy received on to `target` and answers with the target's status, type and body (502 when it cannot be reached). */
export function forwardRequest(target: string, req: http.IncomingMessage, body: Buffer[], headers: Record<string, string>, res: http.ServerResponse): void {
  fetch(target, { method: req.method, headers, body: body.length ? Buffer.concat(body) : undefined }).then(
    async (response) => {
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await response.arrayBuffer()));
    },
    () => res.writeHead(502).end(),
  );
}
