import type { Browser, Page } from 'playwright-core';
import type { Identity } from '../../policies';
import { describeWithBrowser, buildConsoleForSuite, launchBrowser, offlineContext, screenshot, seriousAccessibilityViolations } from '../support/browser';
import { startStack, type Stack } from '../support/startStack';
import { population } from '../../subgraphs/population';
import { catalog } from '../../subgraphs/catalog';

/** An analyst of the statistics bureau: may browse the registry for gender, never another resident's phone, nor the officers' access matrix. */
const ANALYST: Identity = { sub: 'staff-0003', roles: ['analyst'], dept: 'statistics', clearance: 2 };

/** The operation the reader types: `gender` allowed, `phone` on their own record only, `accessMatrix` denied. */
const BROWSE = `{
  people(first: 2) {
    edges {
      node {
        gender
        phone
      }
    }
  }
  accessMatrix {
    policyVersion
  }
}`;
const DENIED_PATH = 'accessMatrix';
const OWN_RECORD_PATH = 'people.edges.node.phone';

/** The govgraph panel of the query IDE: the reader it speaks as, and each field's decision before sending. */
describeWithBrowser('query IDE, govgraph panel', () => {
  let stack: Stack;
  let browser: Browser;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    const webDir = await buildConsoleForSuite();
    // The operations explained here (the default query, BROWSE) stay under the gateway's default limit on a string argument.
    [stack, browser] = await Promise.all([startStack({ departments: [population, catalog], scale: 0.02, gatewayConfig: { webDir } }), launchBrowser()]);
    origin = new URL(stack.gateway.url).origin;
    token = await stack.tokenFor(ANALYST);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The IDE with the panel open, signed in through the panel as the analyst, BROWSE typed into the editor, its decisions shown. */
  async function signedInWithQuery(page: Page): Promise<void> {
    await page.goto(`${origin}/`);
    await page.locator('.govgraph-token').fill(token);
    await page.locator('.govgraph-form button[type=submit]').click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(BROWSE);
    await page.locator(`.govgraph-field[data-path="${DENIED_PATH}"]`).waitFor();
  }

  it('a reader denied a field, a query typed → the panel flags it with its reason before anything is sent; run → FORBIDDEN for that field', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    const posted: { body: string; authorization?: string; purpose?: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posted.push({ body: request.postData() ?? '', authorization: request.headers().authorization });
    });
    await signedInWithQuery(page);

    // Who the token says, decoded for display.
    expect(await page.locator('.govgraph-reader summary').textContent()).toBe('身份： staff-0003 · analyst · statistics');
    const denied = page.locator(`.govgraph-field[data-path="${DENIED_PATH}"]`);
    expect(await denied.getAttribute('data-verdict')).toBe('deny');
    // Said in words, not colour alone: the decision and the reason no rule allows it.
    expect(await denied.locator('.govgraph-badge').textContent()).toMatch(/DENY/);
    expect(await denied.locator('.govgraph-rule').textContent()).toMatch(/analyst of statistics: denied: no grant of Query\.accessMatrix \(catalog\.yaml:\d+\) matches/);
    expect(await page.locator('.govgraph-summary-deny').textContent()).toBe(`2 个字段将被拒绝：${DENIED_PATH}, ${DENIED_PATH}.policyVersion`);
    expect(await page.locator('.govgraph-summary-limited').textContent()).toContain(OWN_RECORD_PATH);
    expect(await page.locator(`.govgraph-field[data-path="${OWN_RECORD_PATH}"]`).getAttribute('data-verdict')).toBe('ownRecord');
    expect(await page.locator('.govgraph-field[data-path="people.edges.node.gender"]').getAttribute('data-verdict')).toBe('allow');
    // Only the explanation went out, with the operation as its variable, and as the panel's reader.
    const operation = posted.filter((request) => request.body.includes('people(') && !request.body.includes('explainMyAccess'));
    const explained = posted.filter((request) => request.body.includes('explainMyAccess') && request.body.includes('people('));
    expect({ operation: operation.length, explained: explained.length > 0, as: explained.every((request) => request.authorization === `Bearer ${token}`) }).toEqual({
      operation: 0,
      explained: true,
      as: true,
    });

    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('FORBIDDEN').first().waitFor();
    const sent = posted.filter((request) => request.body.includes('people(') && !request.body.includes('explainMyAccess'));
    expect(sent.map((request) => request.authorization)).toEqual([`Bearer ${token}`]);
    await offline.context.close();
  });

  it('the panel open, signed in, decisions and a response shown → no serious or critical accessibility violation, light or dark', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await signedInWithQuery(page);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('FORBIDDEN').first().waitFor();
    await screenshot(page, 'ide-panel');
    const light = await seriousAccessibilityViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect({ light, dark: await seriousAccessibilityViolations(page) }).toEqual({ light: {}, dark: {} });
    await offline.context.close();
  });

  it('English chosen, then 中文 → the panel speaks English, then Chinese again', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await signedInWithQuery(page);
    await page.getByRole('button', { name: 'English' }).click();
    const english = [await page.locator('.govgraph-panel h2').textContent(), await page.locator('.govgraph-summary-deny').textContent()];
    await page.getByRole('button', { name: '中文' }).click();
    const chinese = [await page.locator('.govgraph-panel h2').textContent(), await page.locator('.govgraph-summary-deny').textContent()];
    expect({ english, chinese }).toEqual({
      english: ['govgraph reader', `2 fields will be withheld: ${DENIED_PATH}, ${DENIED_PATH}.policyVersion`],
      chinese: ['govgraph 访问身份', `2 个字段将被拒绝：${DENIED_PATH}, ${DENIED_PATH}.policyVersion`],
    });
    await offline.context.close();
  });

  it('the explanation cannot be had (network) → the panel says so with the error, not a blank', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    await page.route('**/graphql', (route) => (route.request().postData()?.includes('explainMyAccess') ? route.abort('connectionreset') : route.fallback()));
    await page.goto(`${origin}/`);
    await page.locator('.govgraph-token').fill(token);
    await page.locator('.govgraph-form button[type=submit]').click();
    const notice = page.locator('.govgraph-decisions .govgraph-problem');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^无法获取访问决定：.*Failed to fetch/);
    await offline.context.close();
  });

  it('not signed in → the panel asks to sign in and asks the graph nothing', async () => {
    const offline = await offlineContext(browser, origin);
    const page = await offline.newPage();
    const explains: string[] = [];
    page.on('request', (request) => void (request.postData()?.includes('explainMyAccess') && explains.push(request.url())));
    await page.goto(`${origin}/`);
    await page.locator('.govgraph-decisions').getByText('请先登录（应用令牌）以查看访问决定。').waitFor();
    expect(explains).toEqual([]);
    await offline.context.close();
  });
});
