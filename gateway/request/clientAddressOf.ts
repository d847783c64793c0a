import type { Request } from 'express';

/** The client's address as the gateway sees it: from `X-Forwarded-For` only through proxies `trust proxy` names. */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
