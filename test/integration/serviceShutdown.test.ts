import type http from 'node:http';
import pino from 'pino';
import { startService, terminationSignal } from '../../schema/contracts/service';

const log = pino({ level: 'silent' });

/** A handler that answers `/slow` only once `release` is called (then `answered`), and anything else at once. */
function handlerWithGate(answered: () => void = () => {}): { handler: http.RequestListener; arrived: Promise<void>; release: () => void } {
  let release!: () => void;
  let arrive!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const handler: http.RequestListener = (req, res) => {
    if (req.url !== '/slow') return void res.end('quick');
    arrive();
    void gate.then(() => res.end('slow done', answered));
  };
  return { handler, arrived, release };
}

describe('startService', () => {
  it('port 0 → listens on a free port and gives its GraphQL URL', async () => {
    const service = await startService({ name: 'probe', handler: (_req, res) => res.end('hello'), port: 0, host: '127.0.0.1', log, drainMs: 1000 });
    try {
      expect(service.url).toBe(`http://127.0.0.1:${service.port}/graphql`);
      expect(await (await fetch(service.url)).text()).toBe('hello');
    } finally {
      await service.close();
    }
  });

  it('closed with a request in flight → stopping first, the request answered, then each closer in order', async () => {
    const steps: string[] = [];
    const { handler, arrived, release } = handlerWithGate(() => steps.push('answered'));
    const service = await startService({
      name: 'probe',
      handler,
      port: 0,
      host: '127.0.0.1',
      log,
      drainMs: 5000,
      stopping: () => steps.push('stopping'),
      closers: [() => steps.push('graphql server'), async () => steps.push('database')],
    });
    const inFlight = fetch(service.url.replace('/graphql', '/slow')).then((response) => response.text());
    await arrived;
    const closing = service.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await inFlight).toBe('slow done');
    await closing;
    expect(steps).toEqual(['stopping', 'answered', 'graphql server', 'database']);
  });

  it('a request still running when drainMs passes → its connection cut, then the closers run', async () => {
    const steps: string[] = [];
    const { handler, arrived } = handlerWithGate();
    const service = await startService({ name: 'probe', handler, port: 0, host: '127.0.0.1', log, drainMs: 200, closers: [() => steps.push('closed')] });
    const inFlight = fetch(service.url.replace('/graphql', '/slow')).then(
      () => 'answered',
      () => 'cut',
    );
    await arrived;
    await service.close();
    expect({ request: await inFlight, steps }).toEqual({ request: 'cut', steps: ['closed'] });
  });

  it('closed twice → one close: the closers run once', async () => {
    let closes = 0;
    const service = await startService({ name: 'probe', handler: (_req, res) => res.end(), port: 0, host: '127.0.0.1', log, drainMs: 1000, closers: [() => closes++] });
    await Promise.all([service.close(), service.close()]);
    expect(closes).toBe(1);
  });

  it('its port taken → fails naming the service and where, after closing what it was given', async () => {
    const taken = await startService({ name: 'first', handler: (_req, res) => res.end(), port: 0, host: '127.0.0.1', log, drainMs: 1000 });
    const steps: string[] = [];
    try {
      await expect(
        startService({
          name: 'department probe',
          handler: (_req, res) => res.end(),
          port: taken.port,
          host: '127.0.0.1',
          log,
          drainMs: 1000,
          stopping: () => steps.push('stopping'),
          closers: [() => steps.push('database')],
        }),
      ).rejects.toThrow(`The department probe cannot listen on 127.0.0.1:${taken.port}: listen EADDRINUSE`);
      expect(steps).toEqual(['stopping', 'database']);
    } finally {
      await taken.close();
    }
  });
});

describe('terminationSignal', () => {
  it('SIGTERM → resolves with it, once', async () => {
    const signal = terminationSignal(['SIGTERM']);
    process.emit('SIGTERM');
    expect(await signal).toBe('SIGTERM');
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
