import type { Browser } from 'playwright-core';
import { describeWithBrowser, buildConsoleForSuite, launchBrowser, offlineContext, screenshot, seriousAccessibilityViolations } from '../support/browser';
import { startStack, type Stack } from '../support/startStack';
import { population } from '../../subgraphs/population';

/** The query IDE at `/` as a browser on an air-gapped network loads it. */
describeWithBrowser('query IDE, offline', () => {
  let stack: Stack;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const webDir = await buildConsoleForSuite();
    [stack, browser] = await Promise.all([startStack({ departments: [population], scale: 0.02, gatewayConfig: { webDir } }), launchBrowser()]);
    origin = new URL(stack.gateway.url).origin;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('loading the IDE with the outside network blocked → no request leaves the origin, no policy violation, the schema loads', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-container').waitFor();
    // The documentation explorer lists the root types once the schema has been introspected.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('Query', { exact: true }).first().waitFor();
    await screenshot(page, 'ide');
    expect({ outside: offline.outside, csp: offline.cspViolations }).toEqual({ outside: [], csp: [] });
    await offline.context.close();
  });

  it('the IDE → no serious or critical accessibility violation', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-container').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual({});
    await offline.context.close();
  });

  it('the IDE on a phone → the panel above the editor, no serious or critical accessibility violation', async () => {
    const offline = await offlineContext(browser, origin, { viewport: { width: 390, height: 844 } });
    const page = await offline.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.govgraph-panel').waitFor();
    await screenshot(page, 'ide-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual({});
    await offline.context.close();
  });
});
