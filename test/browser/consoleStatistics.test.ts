import type { Browser, Page } from 'playwright-core';
import type { Identity } from '../../policies';
import { analysis } from '../../subgraphs/analysis';
import { describeWithBrowser, buildConsoleForSuite, launchBrowser, offlineContext, screenshot, seriousAccessibilityViolations } from '../support/browser';
import { KIT_DEPARTMENTS, startStack, type Stack } from '../support/startStack';

/**
 * The console's statistics page in a browser on an air-gapped network, over the analysis center
 * and the departments it draws on: an analyst sees the figures as charts with their tables; a
 * caseworker is not offered the page.
 */
const ANALYST: Identity = { sub: 'staff-analyst-1', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 4 };

describeWithBrowser('the console statistics page', () => {
  let stack: Stack;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const webDir = await buildConsoleForSuite();
    [stack, browser] = await Promise.all([startStack({ departments: [...KIT_DEPARTMENTS, analysis], gatewayConfig: { webDir } }), launchBrowser()]);
    origin = new URL(stack.gateway.url).origin;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Signs in on the console's sign-in page with a token for `identity` and waits for the first page it is offered. */
  async function signIn(page: Page, identity: Identity): Promise<void> {
    await page.goto(`${origin}/console`);
    await page.locator('#token').fill(await stack.tokenFor(identity));
    await page.locator('form button[type="submit"]').click();
    await page.locator('#main h1:not(#sign-in-title)').waitFor();
  }

  it('an analyst → charts with bars and their tables, accessible, nothing loaded from elsewhere', async () => {
    const offline = await offlineContext(browser, origin);
    offline.context.setDefaultTimeout(30_000);
    const page = await offline.newPage();
    await signIn(page, ANALYST);
    await page.locator('nav a[href="/console/statistics"]').click();
    await page.locator('section[aria-labelledby="stats-coverage"] table').waitFor();
    // The seed is small: by handling department and province, groups are large enough to publish.
    await page.getByLabel('分组方式').selectOption('HANDLING_DEPARTMENT');
    await page.getByLabel('行政区划层级').selectOption('PROVINCE');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('section[aria-labelledby="stats-overdue"] table caption', { hasText: '办理部门' }).first().waitFor();
    const loading = page.locator('[role="status"].loading');
    while ((await loading.count()) > 0) await loading.first().waitFor({ state: 'detached' });
    await screenshot(page, 'console-statistics');
    const panels = ['stats-overdue', 'stats-monthly', 'stats-coverage'];
    const shown = Object.fromEntries(
      await Promise.all(
        panels.map(async (id) => {
          const panel = page.locator(`section[aria-labelledby="${id}"]`);
          return [id, { bars: (await panel.locator('svg[role="img"] rect.bar-fill').count()) > 0, table: (await panel.locator('table caption').count()) > 0 }] as const;
        }),
      ),
    );
    expect({ shown, violations: await seriousAccessibilityViolations(page), outside: offline.outside, csp: offline.cspViolations }).toEqual({
      shown: Object.fromEntries(panels.map((id) => [id, { bars: true, table: true }])),
      violations: {},
      outside: [],
      csp: [],
    });
    await offline.context.close();
  });

  it('a caseworker → no statistics entry in the navigation', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await signIn(page, CASEWORKER);
    const links = await page.locator('nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect({ hasNav: links.length > 0, statistics: links.includes('/console/statistics') }).toEqual({ hasNav: true, statistics: false });
    await offline.context.close();
  });
});
