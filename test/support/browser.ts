import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import os from 'node:os';
import { build } from '../../console/build';

/**
 * The machine's Chromium for the browser suites (Debian's `chromium` package; playwright-core
 * downloads no browser): GOVGRAPH_CHROMIUM, else `chromium` or `chromium-browser` on the PATH.
 */
export const CHROMIUM: string | null = findChromium();

function findChromium(): string | null {
  const named = process.env.GOVGRAPH_CHROMIUM?.trim();
  if (named) return fs.existsSync(named) ? named : null;
  for (const command of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [command], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not on the PATH
    }
  }
  return null;
}

/** `describe` when Chromium is present; otherwise skipped, and reported so (never as passed). */
export const describeWithBrowser: jest.Describe = CHROMIUM
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} [skipped: Chromium is missing]`, fn)) as unknown as jest.Describe);

/** Where the suites write a screenshot of each page (ignored by git). */
export const ARTIFACTS_DIR = path.join(__dirname, '..', 'artifacts');

/**
 * Builds the IDE and console from the sources as they are now into a directory of this suite's
 * own (about a second), for its gateway's `webDir`: never a stale console/dist/, and suites
 * running side by side never rebuild under each other.
 */
export async function buildConsoleForSuite(): Promise<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-console-'));
  await build({ quiet: true, outdir });
  return outdir;
}

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A browser context that may talk only to `origin`: every other request is recorded and aborted, as on an air-gapped network. */
export interface OfflineContext {
  context: BrowserContext;
  /** The URLs of requests that tried to leave the origin. */
  outside: string[];
  /** Content-Security-Policy violations the pages reported. */
  cspViolations: string[];
  newPage(): Promise<Page>;
}

export async function offlineContext(browser: Browser, origin: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<OfflineContext> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: options.viewport ?? { width: 1280, height: 800 } });
  const outside: string[] = [];
  const cspViolations: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__govgraphCspViolation', (_source, text: string) => void cspViolations.push(text));
  // Page-side code as text: it runs in the browser, not under Node's types.
  await context.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => window.__govgraphCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
  });
  return { context, outside, cspViolations, newPage: () => context.newPage() };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now: rule id → how many nodes. */
export async function seriousAccessibilityViolations(page: Page): Promise<Record<string, number>> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
  )) as { id: string; impact: string; nodes: number }[];
  return Object.fromEntries(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => [v.id, v.nodes]));
}

/** Writes test/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: false });
}
