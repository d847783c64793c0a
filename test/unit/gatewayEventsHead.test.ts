import pino from 'pino';
import { createDepartmentGet, SERVICE_PLATFORM } from '../../gateway/execute/departmentGet';
import { departmentRequest } from '../../gateway/execute/departmentRequest';
import { createHeadPoller, type HeadPoller } from '../../gateway/events';
import { localGatewayKeys } from '../../schema/contracts/gatewayToken';
import { APPLICATION_UPDATES_HEAD_PATH } from '../../schema/contracts/writeBack';
import { startFakeServicePlatform, type FakeServicePlatform } from '../support/fakeServicePlatform';
import { createTestGatewayKeys } from '../support/fixtureDepartments';

/** The one poll of the application updates' head per gateway, against a stand-in for the service platform. */
const log = pino({ level: 'silent' });
const UPDATE = { applicant: '110105199001010014', dept: 'population', applicationId: 'APP-1', status: 'SUBMITTED' };

describe('the head of the application updates', () => {
  let services: FakeServicePlatform;
  let poller: HeadPoller;

  beforeAll(async () => {
    const keys = await createTestGatewayKeys();
    services = await startFakeServicePlatform(await localGatewayKeys(keys.jwks));
    const get = createDepartmentGet({ keys, urlOf: (department) => (department === SERVICE_PLATFORM ? services.url : undefined), request: departmentRequest(), timeoutMs: 2000 });
    poller = createHeadPoller({ fetchHead: () => get(SERVICE_PLATFORM, APPLICATION_UPDATES_HEAD_PATH), pollMs: 10, log });
  });

  afterAll(async () => {
    poller?.close();
    await services?.close();
  });

  beforeEach(() => services.reset());

  const polls = () => services.requests(APPLICATION_UPDATES_HEAD_PATH);
  async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('no stream listening → the head is not asked', async () => {
    const before = polls();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls()).toBe(before);
  });

  it('a listener → told the head once, however often it is asked unchanged', async () => {
    services.addUpdate(UPDATE);
    const heads: number[] = [];
    const stop = poller.subscribe((head) => heads.push(head));
    const before = polls();
    await until(() => polls() >= before + 5);
    stop();
    expect(heads).toEqual([1]);
  });

  it('the head moving → the listener told the new head', async () => {
    const heads: number[] = [];
    const stop = poller.subscribe((head) => heads.push(head));
    await until(() => heads.length === 1);
    services.addUpdate(UPDATE);
    services.addUpdate(UPDATE);
    await until(() => heads.at(-1) === 2);
    stop();
    expect([heads[0], heads.at(-1)]).toEqual([0, 2]);
  });

  it('the last listener gone → no more asking', async () => {
    const stop = poller.subscribe(() => {});
    await until(() => poller.current() !== undefined);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = polls();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls()).toBe(after);
  });

  it('the service platform failing → lastError says so; cleared once it answers', async () => {
    services.setFailing(true);
    const stop = poller.subscribe(() => {});
    try {
      await until(() => poller.health().lastError !== null);
      const failing = poller.health().lastError;
      services.setFailing(false);
      await until(() => poller.health().lastError === null);
      expect(failing).toContain('HTTP 503');
    } finally {
      services.setFailing(false);
      stop();
    }
  });

  it('each ask → a gateway token for services, in the name of the gateway', async () => {
    const stop = poller.subscribe(() => {});
    await until(() => services.claims(APPLICATION_UPDATES_HEAD_PATH).length > 0);
    stop();
    expect(services.claims(APPLICATION_UPDATES_HEAD_PATH).at(-1)?.identity?.sub).toBe('govgraph-gateway');
  });
});
