import type { Request, Response } from 'express';

/**
 * `GET /health` of a service: liveness, HTTP 200 with `report()` as JSON while the process
 * answers, whatever the state of what it depends on (the report says it). Whether to send
 * it traffic is another question (the gateway's `/ready`).
 */
export function healthRoute(report: () => object | Promise<object>) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.status(200).json(await report());
  };
}
